using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>
/// A unit-test double of <see cref="IFarm"/> for the HTTP layer: holds what a test puts in it,
/// records every call (so a test can show a malformed id never reached the farm), and streams an
/// event log that a test appends to while clients read.
/// </summary>
internal sealed class FakeFarm : IFarm
{
    private readonly Lock _gate = new();
    private readonly List<FarmEvent> _events = [];
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every call, as "Method argument".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    public ConcurrentDictionary<Guid, SweepView> Sweeps { get; } = new();

    public ConcurrentDictionary<string, RenderView> Renders { get; } = new();

    public List<WorkerView> Workers { get; } = [];

    /// <summary>What a submit answers (or throws); default: a new id.</summary>
    public Func<SweepSubmission, SweepAccepted> OnSubmit { get; set; } = _ => new SweepAccepted(Guid.NewGuid(), 4, 1, 3, 17);

    /// <summary>Submissions received.</summary>
    public ConcurrentQueue<SweepSubmission> Submissions { get; } = new();

    /// <summary>Thrown by PutBlobAsync after reading the body, when set.</summary>
    public Exception? PutBlobFailure { get; set; }

    /// <summary>Thrown by every other call, when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Bytes PutBlobAsync read from the last upload, even when the read failed.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Answers of cancel calls: true, false, or an exception (409).</summary>
    public Func<object, bool> OnCancel { get; set; } = _ => true;

    /// <summary>False: uploads are hashed and counted but not kept (for uploads of many megabytes).</summary>
    public bool KeepBlobs { get; set; } = true;

    /// <summary>True: WriteArchiveAsync writes synchronously, as ZipArchive's Dispose does.</summary>
    public bool ArchiveWritesSynchronously { get; set; }

    /// <summary>What WriteArchiveAsync writes for a known sweep.</summary>
    public byte[] Archive { get; set; } = [0x50, 0x4b, 0x05, 0x06];

    /// <summary>Completed each time an event stream was cancelled (its client went away).</summary>
    public TaskCompletionSource StreamCancelled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int CallsTo(string method) => Calls.Count(c => c.StartsWith(method + " ", StringComparison.Ordinal) || c == method);

    /// <summary>Adds events to the log and wakes every stream waiting for one.</summary>
    public void Append(params FarmEvent[] events)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _events.AddRange(events);
            woken = _appended;
            _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.SetResult();
    }

    public async Task<BlobInfo> PutBlobAsync(Stream content, BlobKind kind, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"PutBlob {kind}");
        BytesRead = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var copy = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            BytesRead += read;
            hash.AppendData(buffer, 0, read);
            if (KeepBlobs)
            {
                copy.Write(buffer, 0, read);
            }
        }
        if (PutBlobFailure is not null)
        {
            throw PutBlobFailure;
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        Blobs[sha] = copy.ToArray();
        return new BlobInfo(sha, BytesRead, kind, kind == BlobKind.Image ? 2 : null, kind == BlobKind.Image ? 1 : null);
    }

    public Task<bool> HasBlobAsync(string sha256, CancellationToken cancellationToken) =>
        Task.FromResult(Record("HasBlob", sha256) && Blobs.ContainsKey(sha256));

    public Task<Stream?> OpenBlobAsync(string sha256, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(Record("OpenBlob", sha256) && Blobs.TryGetValue(sha256, out var bytes) ? new MemoryStream(bytes) : null);

    public Task<SweepAccepted> SubmitSweepAsync(SweepSubmission submission, CancellationToken cancellationToken)
    {
        Record("SubmitSweep", "");
        Submissions.Enqueue(submission);
        return Task.FromResult(OnSubmit(submission));
    }

    public Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SweepSummary>>(Record("ListSweeps", "")
            ? Sweeps.Values.Select(s => new SweepSummary(s.Id, s.Title, s.Status, s.Submitted, s.Counts)).ToArray()
            : []);

    public Task<SweepView?> GetSweepAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Record("GetSweep", id.ToString()) ? Sweeps.GetValueOrDefault(id) : null);

    public Task<RenderView?> GetRenderAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Record("GetRender", key) ? Renders.GetValueOrDefault(key) : null);

    public Task<bool> CancelSweepAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Record("CancelSweep", id.ToString()) && OnCancel(id));

    public Task<bool> CancelRenderAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Record("CancelRender", key) && OnCancel(key));

    public Task<IReadOnlyList<WorkerView>> ListWorkersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WorkerView>>(Record("ListWorkers", "") ? Workers.ToArray() : []);

    public async Task<bool> WriteArchiveAsync(Guid id, Stream destination, CancellationToken cancellationToken)
    {
        Record("WriteArchive", id.ToString());
        if (!Sweeps.ContainsKey(id))
        {
            return false;
        }
        if (ArchiveWritesSynchronously)
        {
            destination.Write(Archive);
        }
        else
        {
            await destination.WriteAsync(Archive, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// The log after <paramref name="after"/>, then events as they are appended; a sweep's stream
    /// ends after its sweep_completed, as the farm's does.
    /// </summary>
    public async IAsyncEnumerable<FarmEvent> EventsAsync(long after, Guid? sweepId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Record("Events", $"{after} {sweepId}");
        var position = after;
        while (true)
        {
            FarmEvent[] next;
            Task appended;
            lock (_gate)
            {
                next = _events.Where(e => e.Id > position && (sweepId is null || e.SweepId == sweepId)).ToArray();
                appended = _appended.Task;
            }
            foreach (var farmEvent in next)
            {
                position = farmEvent.Id;
                yield return farmEvent;
                if (sweepId is not null && farmEvent.Type == FarmEventTypes.SweepCompleted)
                {
                    yield break;
                }
            }
            if (next.Length == 0)
            {
                try
                {
                    await appended.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    StreamCancelled.TrySetResult();
                    throw;
                }
            }
        }
    }

    private bool Record(string method, string argument)
    {
        Calls.Enqueue($"{method} {argument}");
        if (Failure is not null)
        {
            throw Failure;
        }
        return true;
    }
}
