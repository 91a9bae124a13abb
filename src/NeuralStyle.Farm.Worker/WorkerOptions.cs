using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Farm.Worker;

/// <summary>Settings of the workers a process hosts.</summary>
public sealed record WorkerOptions
{
    /// <summary>Workers in this process, each with its own engine and thread.</summary>
    public int Count { get; init; } = 1;

    /// <summary>The device every worker of this process renders on: cpu or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op threads per worker on CPU; null: the cores given to the process divided among the workers.</summary>
    public int? Threads { get; init; }

    /// <summary>A render's progress is sent at most this often.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A preview image is sent with progress every this many iterations (0: never).</summary>
    public int PreviewEvery { get; init; } = 10;

    /// <summary>Heartbeat period.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A name prefix for the workers (default: host name and process id).</summary>
    public string? Name { get; init; }

    /// <summary>Device memory each worker's engine keeps its feature targets in, at most (least recently used evicted first).</summary>
    public long TargetCacheBytes { get; init; } = TargetCache.DefaultMaxBytes;

    /// <summary>Most bytes one batch may need on the device; null: what the device has available.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>
    /// How long a <c>CancelRender</c> for a render this process is not running is remembered, so
    /// that a batch delivered just after its cancel still stops. Short: a key cancelled here and
    /// submitted again within this time would be cancelled too.
    /// </summary>
    public TimeSpan CancelMemory { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Where results are written before they go to the blob store; null: a folder under the system's temporary directory.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>
    /// The CPU threads each worker's engine uses: <see cref="Threads"/>, or the cores divided among
    /// the workers (at least one). libtorch's setting is process-wide, so every worker of a process
    /// gets the same.
    /// </summary>
    public int ThreadsPerWorker => Threads ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, Count));

    /// <summary>The prefix of this process's worker names.</summary>
    public string NamePrefix => Name ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}
