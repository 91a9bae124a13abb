using System.Globalization;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using Spectre.Console;

namespace NeuralStyle.Cli;

/// <summary>A sweep on a terminal: a bar over renders and a bar over the running batch's iterations.</summary>
internal sealed class SweepBarObserver(ProgressContext context) : ISweepObserver
{
    private ProgressTask? _overall;
    private ProgressTask? _batch;
    private int _done;
    private string _batchLabel = "";

    public void OnPlanned(SweepPlan plan, int alreadyDone)
    {
        _done = alreadyDone;
        _overall = context.AddTask($"sweep: {plan.Points.Count} renders", maxValue: plan.Points.Count);
        _overall.Value = alreadyDone;
    }

    public void OnBatchStarted(IReadOnlyList<SweepPoint> points)
    {
        if (_batch is not null)
        {
            // A finished batch's bar goes; its renders have their own lines above.
            _batch.Value = _batch.MaxValue;
            _batch.StopTask();
        }
        var s = points[0].Request.Settings;
        _batchLabel = points.Count == 1 ? points[0].Describe() : $"batch of {points.Count}: {points[0].Describe()} ...";
        _batch = context.AddTask(Markup.Escape(_batchLabel), maxValue: s.EffectiveScales.Count * s.Iterations);
    }

    public void OnIteration(SweepPoint point, RenderProgress progress)
    {
        // Every item of a batch reports each iteration; the first one speaks for the bar.
        if (_batch is null || progress.Iteration < _batch.Value)
        {
            return;
        }
        _batch.Value = progress.Iteration;
        _batch.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{_batchLabel}  it {progress.Iteration}  loss {progress.Losses.Total:G4}"));
    }

    public void OnRenderFinished(SweepPoint point, SweepRenderRecord record)
    {
        _overall?.Increment(1);
        AnsiConsole.MarkupLine(Markup.Escape(SweepProgressView.Finished(point, record, ++_done, (int)(_overall?.MaxValue ?? 0))));
    }

    public void OnGridWritten(SweepGridRecord grid) => AnsiConsole.MarkupLine(Markup.Escape($"wrote grid {grid.File}"));
}
