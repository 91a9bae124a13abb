using System.Globalization;
using NeuralStyle.Engine.Rendering;
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
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            return run(new LineObserver(output));
        }
        SweepOutcome? outcome = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new RateColumn(), new RemainingTimeColumn())
            .Start(context => outcome = run(new BarObserver(context)));
        return outcome!;
    }

    private static string Finished(SweepPoint point, SweepRenderRecord record, int done, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"render {done}/{total} [page {point.Page + 1}, row {point.Row + 1}, column {point.Column + 1}] {point.Describe()}: ") +
        record.Status switch
        {
            RenderStatus.Done => string.Create(CultureInfo.InvariantCulture, $"done, total loss {record.Final!.Total:G4}, {record.Seconds:F1} s (batch of {record.BatchSize})"),
            RenderStatus.Failed => $"FAILED: {record.Error}",
            _ => "interrupted",
        };

    private sealed class LineObserver(TextWriter output) : ISweepObserver
    {
        private int _done;
        private int _total;

        public void OnPlanned(SweepPlan plan, int alreadyDone)
        {
            _done = alreadyDone;
            _total = plan.Points.Count;
            output.WriteLine($"sweep: {plan.Points.Count} renders on {plan.Pages.Count} grid page(s); {alreadyDone} already done");
        }

        public void OnBatchStarted(IReadOnlyList<SweepPoint> points) =>
            output.WriteLine(points.Count == 1 ? $"rendering {points[0].Describe()}" : $"rendering a batch of {points.Count}: {string.Join(" | ", points.Select(p => p.Describe()))}");

        public void OnIteration(SweepPoint point, RenderProgress progress)
        {
        }

        public void OnRenderFinished(SweepPoint point, SweepRenderRecord record) =>
            output.WriteLine(Finished(point, record, ++_done, _total));

        public void OnGridWritten(SweepGridRecord grid) => output.WriteLine($"wrote grid {grid.File}");
    }

    private sealed class BarObserver(ProgressContext context) : ISweepObserver
    {
        private ProgressTask? _overall;
        private ProgressTask? _batch;
        private int _done;

        public void OnPlanned(SweepPlan plan, int alreadyDone)
        {
            _done = alreadyDone;
            _overall = context.AddTask($"sweep: {plan.Points.Count} renders", maxValue: plan.Points.Count);
            _overall.Value = alreadyDone;
        }

        public void OnBatchStarted(IReadOnlyList<SweepPoint> points)
        {
            _batch?.StopTask();
            var s = points[0].Request.Settings;
            _batch = context.AddTask(Markup.Escape(points[0].Describe()), maxValue: s.EffectiveScales.Count * s.Iterations);
        }

        public void OnIteration(SweepPoint point, RenderProgress progress)
        {
            if (_batch is null)
            {
                return;
            }
            _batch.Value = progress.Iteration;
            _batch.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{point.Describe()}  it {progress.Iteration}  loss {progress.Losses.Total:G4}"));
        }

        public void OnRenderFinished(SweepPoint point, SweepRenderRecord record)
        {
            _overall?.Increment(1);
            AnsiConsole.MarkupLine(Markup.Escape(Finished(point, record, ++_done, (int)(_overall?.MaxValue ?? 0))));
        }

        public void OnGridWritten(SweepGridRecord grid) => AnsiConsole.MarkupLine(Markup.Escape($"wrote grid {grid.File}"));
    }
}
