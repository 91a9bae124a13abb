using System.Globalization;
using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Turns the executor's reports on a sweep's renders into records and observer calls. Jobs are
/// named by their point's index; a job cancelled before it started stays queued (a rerun renders it).
/// </summary>
internal sealed class SweepRenderSink(SweepPlan plan, SweepState state, ISweepObserver? observer) : IRenderSink
{
    /// <summary>The job for <paramref name="point"/>: its PNG carries its grid coordinates too.</summary>
    public RenderJob JobOf(SweepPoint point) =>
        new(point.Index.ToString(CultureInfo.InvariantCulture), point.Request)
        {
            Metadata = new Dictionary<string, string>
            {
                ["neuralstyle:sweep"] = string.Join(", ", state.Records[point.Index].Coordinates.Select(c => $"{c.Key}={c.Value}")),
            },
        };

    /// <summary>The point <paramref name="job"/> renders.</summary>
    public SweepPoint PointOf(RenderJob job) => plan.Points[int.Parse(job.Id, CultureInfo.InvariantCulture)];

    public void OnStarted(IReadOnlyList<RenderJob> jobs) => observer?.OnBatchStarted([.. jobs.Select(PointOf)]);

    public void OnProgress(RenderJob job, RenderProgress progress) => observer?.OnIteration(PointOf(job), progress);

    /// <summary>An observer that throws here fails the render (the executor then reports it failed).</summary>
    public void OnSucceeded(RenderOutcome outcome)
    {
        var point = PointOf(outcome.Job);
        var record = state.Complete(point, outcome.Result!, outcome.Artifact!, outcome.Seconds, outcome.BatchSize);
        observer?.OnRenderFinished(point, record);
    }

    public void OnFailed(RenderOutcome outcome) => Failed(PointOf(outcome.Job), outcome.Error!);

    public void OnCancelled(RenderOutcome outcome)
    {
        if (outcome.Started)
        {
            var point = PointOf(outcome.Job);
            var record = state.Cancel(point, outcome.Result);
            observer?.OnRenderFinished(point, record);
        }
    }

    /// <summary>Records <paramref name="point"/> failed and tells the observer.</summary>
    public void Failed(SweepPoint point, RenderError error)
    {
        // Recorded first: with no observer, a null-conditional call would skip its arguments.
        var record = state.Fail(point, error);
        observer?.OnRenderFinished(point, record);
    }
}
