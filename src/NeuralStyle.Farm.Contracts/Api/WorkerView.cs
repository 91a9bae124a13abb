namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>A worker as the gateway last heard of it.</summary>
/// <param name="Name">Its name (host, process and slot).</param>
/// <param name="Device">cpu or cuda:N.</param>
/// <param name="State">ready, busy or gone (no heartbeat within the bound).</param>
/// <param name="LastHeartbeat">When it last reported.</param>
public sealed record WorkerView(string Name, string Device, string State, DateTimeOffset LastHeartbeat)
{
    /// <summary>Renders it can run at once (batch slots).</summary>
    public int Slots { get; init; }

    /// <summary>Keys of the renders it runs now.</summary>
    public IReadOnlyList<string> Renders { get; init; } = [];

    /// <summary>SHA-256 of the weights loaded on its device; null when none.</summary>
    public string? LoadedWeights { get; init; }

    /// <summary>Convolutions of VGG-19 loaded.</summary>
    public int LoadedConvolutions { get; init; }

    /// <summary>Feature targets cached, and their bytes.</summary>
    public int CachedTargets { get; init; }

    /// <summary>Bytes of cached targets.</summary>
    public long CachedTargetBytes { get; init; }

    /// <summary>Recent optimiser speed over its renders.</summary>
    public double IterationsPerSecond { get; init; }

    /// <summary>Intra-op threads its engine uses (CPU).</summary>
    public int Threads { get; init; }
}
