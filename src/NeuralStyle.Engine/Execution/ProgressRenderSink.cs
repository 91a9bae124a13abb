using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>A sink that passes progress to a delegate and ignores the rest: for hosts that read outcomes from <see cref="RenderExecutor.RunAsync"/>.</summary>
public sealed class ProgressRenderSink(Action<RenderJob, RenderProgress> onProgress) : IRenderSink
{
    /// <inheritdoc />
    public void OnStarted(IReadOnlyList<RenderJob> jobs)
    {
    }

    /// <inheritdoc />
    public void OnProgress(RenderJob job, RenderProgress progress) => onProgress(job, progress);

    /// <inheritdoc />
    public void OnSucceeded(RenderOutcome outcome)
    {
    }

    /// <inheritdoc />
    public void OnFailed(RenderOutcome outcome)
    {
    }

    /// <inheritdoc />
    public void OnCancelled(RenderOutcome outcome)
    {
    }
}
