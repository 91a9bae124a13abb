using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>
/// Hears what a <see cref="RenderExecutor"/> does with a batch. Calls for one
/// <see cref="RenderExecutor.RunAsync"/> never overlap; <see cref="OnProgress"/> comes on the
/// executor's render thread, between iterations, so it must be quick (queue, do not wait).
/// </summary>
public interface IRenderSink
{
    /// <summary>
    /// <paramref name="jobs"/> start optimising together (a batch, or one job retried on its own
    /// after its batch failed: a job can start more than once). An exception fails them like a render failure.
    /// </summary>
    void OnStarted(IReadOnlyList<RenderJob> jobs);

    /// <summary>An iteration of <paramref name="job"/>. An exception stops the render and fails it.</summary>
    void OnProgress(RenderJob job, RenderProgress progress);

    /// <summary>The job rendered and its result is written. An exception fails it (and discards its result).</summary>
    void OnSucceeded(RenderOutcome outcome);

    /// <summary>The job failed for good; what it wrote is discarded. Exceptions are logged and dropped: the outcome is final.</summary>
    void OnFailed(RenderOutcome outcome);

    /// <summary>The job was cancelled, before it started or part way. Exceptions are logged and dropped.</summary>
    void OnCancelled(RenderOutcome outcome);
}
