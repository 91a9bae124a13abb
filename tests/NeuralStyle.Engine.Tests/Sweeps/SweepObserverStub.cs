using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Tests.Sweeps;

/// <summary>An observer that does nothing; tests override what they watch.</summary>
internal class SweepObserverStub : ISweepObserver
{
    public virtual void OnPlanned(SweepPlan plan, int alreadyDone)
    {
    }

    public virtual void OnBatchStarted(IReadOnlyList<SweepPoint> points)
    {
    }

    public virtual void OnIteration(SweepPoint point, RenderProgress progress)
    {
    }

    public virtual void OnRenderFinished(SweepPoint point, SweepRenderRecord record)
    {
    }

    public virtual void OnGridWritten(SweepGridRecord grid)
    {
    }
}
