using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway;

/// <summary>
/// The gateway's operations: what the HTTP API (and an in-process client such as <c>nsf sweep</c>)
/// calls. Implemented by the gateway core; thread-safe. Failures a caller can act on are thrown as
/// <see cref="FarmRequestException"/> carrying an error code of the engine's catalog, which the API
/// maps to ProblemDetails and the CLI to an exit code.
/// </summary>
public interface IFarm
{
    /// <summary>Stores an uploaded file after checking it as <paramref name="kind"/> (bytes and pixel limits, decodable, weights header).</summary>
    Task<BlobInfo> PutBlobAsync(Stream content, BlobKind kind, CancellationToken cancellationToken);

    /// <summary>True when a blob with this hash is held. The hash must be well-formed (else <see cref="FarmRequestException"/>).</summary>
    Task<bool> HasBlobAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Opens a held blob for reading; null when not held.</summary>
    Task<Stream?> OpenBlobAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Plans, de-duplicates and queues a sweep. Spec errors are <c>invalid_sweep</c>/<c>invalid_setting</c>, unknown inputs <c>input_unusable</c>.</summary>
    Task<SweepAccepted> SubmitSweepAsync(SweepSubmission submission, CancellationToken cancellationToken);

    /// <summary>Every sweep, newest first.</summary>
    Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken);

    /// <summary>A sweep with every cell; null when unknown.</summary>
    Task<SweepView?> GetSweepAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A render by key; null when unknown.</summary>
    Task<RenderView?> GetRenderAsync(string key, CancellationToken cancellationToken);

    /// <summary>Cancels every unfinished render of the sweep (renders other sweeps still need keep running). False when unknown; <see cref="FarmRequestException"/> (409) when already finished.</summary>
    Task<bool> CancelSweepAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Cancels one render wherever it runs. False when unknown; <see cref="FarmRequestException"/> (409) when already finished.</summary>
    Task<bool> CancelRenderAsync(string key, CancellationToken cancellationToken);

    /// <summary>Workers heard from recently (and those marked gone).</summary>
    Task<IReadOnlyList<WorkerView>> ListWorkersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Events after <paramref name="after"/> (all, or those of one sweep and its renders), oldest first,
    /// then live ones as they happen, until cancelled (or, for a sweep, after its completion event).
    /// Reads the log at the caller's pace: a slow reader never makes the gateway buffer for it.
    /// </summary>
    IAsyncEnumerable<FarmEvent> EventsAsync(long after, Guid? sweepId, CancellationToken cancellationToken);

    /// <summary>Writes the zip of a finished sweep (exactly what <c>nsf sweep --out DIR</c> writes); false when unknown. <see cref="FarmRequestException"/> (409) while it runs.</summary>
    Task<bool> WriteArchiveAsync(Guid id, Stream destination, CancellationToken cancellationToken);
}
