using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>What a sweep reports while it runs: for progress bars, logs and (later) event streams.</summary>
public interface ISweepObserver
{
    /// <summary>The plan is known: how many renders there are and how many are already done.</summary>
    void OnPlanned(SweepPlan plan, int alreadyDone);

    /// <summary>A batch of one or more renders starts optimising together.</summary>
    void OnBatchStarted(IReadOnlyList<SweepPoint> points);

    /// <summary>An iteration of one render of the running batch.</summary>
    void OnIteration(SweepPoint point, RenderProgress progress);

    /// <summary>A render finished, failed or was interrupted.</summary>
    void OnRenderFinished(SweepPoint point, SweepRenderRecord record);

    /// <summary>A grid page was written.</summary>
    void OnGridWritten(SweepGridRecord grid);
}
