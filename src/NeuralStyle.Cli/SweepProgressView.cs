using System.Globalization;
using NeuralStyle.Engine.Sweeps;
using Spectre.Console;

namespace NeuralStyle.Cli;

/// <summary>
/// A sweep's progress: on a terminal an overall bar (renders) and a bar for the running batch
/// (iterations, losses, it/s, ETA); otherwise a line per batch and per finished render.
/// </summary>
internal static class SweepProgressView
{
    public static SweepOutcome Run(TextWriter output, Func<ISweepObserver, SweepOutcome> run)
    {
        var interactive = Terminal.IsInteractive(output);
        if (!interactive)
        {
            return run(new SweepLineObserver(output));
        }
        SweepOutcome? outcome = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => outcome = run(new SweepBarObserver(context)));
        return outcome!;
    }

    public static string Finished(SweepPoint point, SweepRenderRecord record, int done, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"render {done}/{total} [page {point.Page + 1}, row {point.Row + 1}, column {point.Column + 1}] {point.Describe()}: ") +
        record.Status switch
        {
            RenderStatus.Succeeded => string.Create(CultureInfo.InvariantCulture, $"done, total loss {record.Final!.Total:G4}, {record.Seconds:F1} s (batch of {record.BatchSize})"),
            RenderStatus.Failed => $"FAILED: {record.Error}",
            _ => "interrupted",
        };
}
