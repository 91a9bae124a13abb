using NeuralStyle.Engine;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Events;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Renders;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Storage;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Submission;
using NeuralStyle.Farm.Gateway.Sweeps;

namespace NeuralStyle.Farm.Gateway;

/// <summary>
/// The gateway core behind <see cref="IFarm"/>: uploads checked into the blob store, submissions
/// planned and stored, views read from the store, cancels, workers from their heartbeats, and the
/// event log's readers. Every id from a caller is validated before any lookup. Thread-safe.
/// </summary>
internal sealed class GatewayFarm(
    GatewayOptions options,
    DirectoryBlobStore blobs,
    FarmDatabase database,
    SweepRepository sweeps,
    RenderRepository renders,
    SweepSubmitter submitter,
    Cancellations cancellations,
    WorkerRegistry workers,
    EventStream events,
    ISweepDocuments documents) : IFarm
{
    private const string UploadName = "(upload)";

    public async Task<BlobInfo> PutBlobAsync(Stream content, BlobKind kind, CancellationToken cancellationToken)
    {
        var (maxBytes, what) = kind switch
        {
            BlobKind.Image => (options.MaxImageBytes, "an image"),
            BlobKind.Weights => (options.MaxWeightsBytes, "a weights file"),
            _ => throw new FarmRequestException(ErrorCode.InvalidSetting, $"kind must be image or weights, got {(int)kind}"),
        };
        (int Width, int Height)? size = null;
        try
        {
            var (sha256, bytes) = await blobs.PutCheckedAsync(content, maxBytes, path =>
            {
                try
                {
                    if (kind == BlobKind.Image)
                    {
                        size = CheckImage(path);
                    }
                    else
                    {
                        Vgg19Weights.Check(path, 1);
                    }
                }
                catch (NeuralStyleException e)
                {
                    // The temporary file's path says nothing to the client.
                    throw new FarmRequestException(e.Code, e.Message.Replace(path, UploadName, StringComparison.Ordinal));
                }
            }, cancellationToken);
            return new BlobInfo(sha256, bytes, kind, size?.Width, size?.Height);
        }
        catch (BlobTooLargeException e)
        {
            throw new FarmRequestException(kind == BlobKind.Image ? ErrorCode.ImageTooLarge : ErrorCode.WeightsInvalid,
                $"{what} of more than {e.MaxBytes} bytes is not accepted", 413);
        }
    }

    public Task<bool> HasBlobAsync(string sha256, CancellationToken cancellationToken) =>
        blobs.ContainsAsync(RequireSha256(sha256, "blob"), cancellationToken).AsTask();

    public Task<Stream?> OpenBlobAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = blobs.PathOf(RequireSha256(sha256, "blob"));
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<SweepAccepted> SubmitSweepAsync(SweepSubmission submission, CancellationToken cancellationToken) =>
        submitter.SubmitAsync(submission, cancellationToken);

    public async Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken) =>
        (await sweeps.ListAsync(cancellationToken))
        .Select(s => new SweepSummary(s.Sweep.Id, s.Sweep.Title, StatusWords.Sweep(s.Sweep.Status),
            DateTimeOffset.FromUnixTimeMilliseconds(s.Sweep.SubmittedMs), s.Counts))
        .ToArray();

    public Task<SweepView?> GetSweepAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadSnapshotAsync(async (connection, snapshot) =>
        {
            var sweep = await sweeps.GetAsync(connection, snapshot, id);
            if (sweep is null)
            {
                return null;
            }
            var cells = (await sweeps.CellsAsync(connection, id, snapshot)).Select(RenderViews.Of).ToArray();
            var counts = new SweepCounts(Count(FarmRenderStatus.Queued), Count(FarmRenderStatus.Running), Count(FarmRenderStatus.Succeeded),
                Count(FarmRenderStatus.Failed), Count(FarmRenderStatus.Cancelled));
            return new SweepView(id, sweep.Title, StatusWords.Sweep(sweep.Status), DateTimeOffset.FromUnixTimeMilliseconds(sweep.SubmittedMs),
                counts, cells, await sweeps.GridsAsync(connection, id, snapshot));

            int Count(FarmRenderStatus status) => cells.Count(c => c.Status == status);
        }, cancellationToken);

    public async Task<RenderView?> GetRenderAsync(string key, CancellationToken cancellationToken) =>
        await renders.GetAsync(RequireSha256(key, "render key"), cancellationToken) is { } row ? RenderViews.Of(row) : null;

    public Task<bool> CancelSweepAsync(Guid id, CancellationToken cancellationToken) => cancellations.CancelSweepAsync(id, cancellationToken);

    public Task<bool> CancelRenderAsync(string key, CancellationToken cancellationToken) =>
        cancellations.CancelRenderAsync(RequireSha256(key, "render key"), cancellationToken);

    public Task<IReadOnlyList<WorkerView>> ListWorkersAsync(CancellationToken cancellationToken) => Task.FromResult(workers.Views());

    public IAsyncEnumerable<FarmEvent> EventsAsync(long after, Guid? sweepId, CancellationToken cancellationToken) =>
        events.ReadAsync(after, sweepId, cancellationToken);

    public async Task<bool> WriteArchiveAsync(Guid id, Stream destination, CancellationToken cancellationToken)
    {
        var sweep = await sweeps.GetAsync(id, cancellationToken);
        if (sweep is null)
        {
            return false;
        }
        if (sweep.Status == StatusWords.SweepRunning || sweep.ClosedEventId is null)
        {
            throw new FarmRequestException(ErrorCode.InvalidSweep, $"sweep {id} is still running; its archive is written once it finishes", 409);
        }
        var document = await sweeps.DocumentAsync(id, cancellationToken);
        await documents.WriteArchiveAsync(document!, destination, cancellationToken);
        return true;
    }

    private (int Width, int Height) CheckImage(string path)
    {
        var (width, height) = ImageFile.Probe(path);
        return (long)width * height <= options.MaxImagePixels
            ? (width, height)
            : throw new ImageTooLargeException($"the image is {width}x{height} pixels, over the limit of {options.MaxImagePixels} pixels");
    }

    private static string RequireSha256(string value, string what) =>
        Sha256Hex.Check(what, value, what) is { } problem
            ? throw new FarmRequestException(ErrorCode.InvalidSetting, $"{problem.Field}: {problem.Message}", 400)
            : value;
}
