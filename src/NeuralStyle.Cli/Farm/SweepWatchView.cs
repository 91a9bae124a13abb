using Spectre.Console;

namespace NeuralStyle.Cli.Farm;

/// <summary>Runs a watch with bars on a terminal  and plain lines otherwise.</summary>
internal static class SweepWatchView
{
    public static async Task RunAsync(TextWriter output, Func<ISweepWatchView, Task> watch)
    {
        if (!Terminal.IsInteractive(output))
        {
            await watch(new SweepWatchLines(output));
            return;
        }
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context => watch(new SweepWatchBars(context)));
    }
}
