using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>
/// Where a <see cref="RenderExecutor"/> writes what renders make: save_every snapshots while they
/// run, the result (PNG with its metadata, and the trace) when they end, and what it removes when
/// one fails. A directory for the CLI and sweeps (<see cref="DirectoryRenderArtifacts"/>), a blob
/// store for a farm worker. Calls for one <see cref="RenderExecutor.RunAsync"/> never overlap;
/// <see cref="WriteSnapshotAsync"/> comes on the render thread, which waits for it.
/// </summary>
public interface IRenderArtifacts
{
    /// <summary>Keeps <paramref name="progress"/>'s <see cref="RenderProgress.Snapshot"/> of <paramref name="job"/>. An exception fails the render.</summary>
    ValueTask WriteSnapshotAsync(RenderJob job, RenderProgress progress, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the result of <paramref name="job"/>: the PNG carrying <see cref="RenderMetadata.For"/>
    /// and the job's own metadata, and the trace where the store keeps one; all of it or nothing.
    /// An exception fails that job only.
    /// </summary>
    ValueTask<RenderArtifact> WriteResultAsync(RenderJob job, RenderResult result, CancellationToken cancellationToken);

    /// <summary>Removes what was written for <paramref name="job"/>, which failed; best effort (a leftover costs only space).</summary>
    ValueTask DiscardAsync(RenderJob job, CancellationToken cancellationToken);
}
