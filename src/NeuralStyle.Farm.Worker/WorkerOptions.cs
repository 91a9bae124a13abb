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
}
