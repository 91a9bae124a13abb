using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Cli;

/// <summary>A sweep in plain lines: one per batch started and per render finished.</summary>
internal sealed class SweepLineObserver(TextWriter output) : ISweepObserver
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
        output.WriteLine(SweepProgressView.Finished(point, record, ++_done, _total));

    public void OnGridWritten(SweepGridRecord grid) => output.WriteLine($"wrote grid {grid.File}");
}
