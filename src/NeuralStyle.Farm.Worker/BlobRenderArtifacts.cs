using NeuralStyle.Engine;
using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// A worker's artifact store: each file is written to a scratch directory and stored in the farm's
/// content-addressed <see cref="IBlobStore"/>, the result PNG with the same metadata nsf render
/// writes and the trace JSON beside it. save_every snapshots are stored too (checkpoints a later
/// render can start from). Blobs are shared by content, so a failed render discards nothing: a blob
/// nobody refers to is the gateway's to collect.
/// </summary>
internal sealed class BlobRenderArtifacts(IBlobStore blobs, string scratchDirectory) : IRenderArtifacts
{
    public async ValueTask WriteSnapshotAsync(RenderJob job, RenderProgress progress, CancellationToken cancellationToken) =>
        await StoreAsync(path => RenderSnapshots.WriteTo(path, job.Request.Settings, progress), "png", cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask<RenderArtifact> WriteResultAsync(RenderJob job, RenderResult result, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(RenderMetadata.For(result.Trace));
        foreach (var (key, value) in job.Metadata)
        {
            metadata[key] = value;
        }
        var image = await StoreAsync(path => ImageFile.WritePng(path, result.Image, metadata), "png", cancellationToken).ConfigureAwait(false);
        var trace = await StoreAsync(path => AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(RenderTraceJson.Serialize(result.Trace));
        }), "json", cancellationToken).ConfigureAwait(false);
        return new RenderArtifact(image, image, trace);
    }

    public ValueTask DiscardAsync(RenderJob job, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private async Task<string> StoreAsync(Action<string> write, string extension, CancellationToken cancellationToken)
    {
        var path = Path.Combine(scratchDirectory, $"{Guid.NewGuid():N}.{extension}");
        try
        {
            write(path);
            return await blobs.PutFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobTooLargeException e)
        {
            throw new OutputFileException($"the blob store refused the render's output: {e.Message}", e);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
