using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Tests.Execution;

/// <summary>A directory store whose result write fails for one job, as a full disk would; counts discards.</summary>
internal sealed class FailingArtifacts(IRenderArtifacts inner, string failingId) : IRenderArtifacts
{
    public List<string> Discarded { get; } = [];

    public ValueTask WriteSnapshotAsync(RenderJob job, RenderProgress progress, CancellationToken cancellationToken) =>
        inner.WriteSnapshotAsync(job, progress, cancellationToken);

    public ValueTask<RenderArtifact> WriteResultAsync(RenderJob job, RenderResult result, CancellationToken cancellationToken) =>
        job.Id == failingId
            ? throw new OutputFileException($"cannot write the result of {job.Id}: no space left on device")
            : inner.WriteResultAsync(job, result, cancellationToken);

    public ValueTask DiscardAsync(RenderJob job, CancellationToken cancellationToken)
    {
        Discarded.Add(job.Id);
        return inner.DiscardAsync(job, cancellationToken);
    }
}
