namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// The use of targets from a <see cref="TargetCache"/>. While a lease is open its targets stay on the
/// device, even if the cache evicts them meanwhile: the cache then frees them when their last lease
/// closes. Dispose the lease once the targets are no longer used; never dispose its targets.
/// Not thread-safe, like the cache it came from.
/// </summary>
public sealed class TargetLease : IDisposable
{
    private Action? _release;

    internal TargetLease(FeatureTargets targets, Action release)
    {
        Targets = targets;
        _release = release;
    }

    /// <summary>The leased targets; valid until the lease is disposed.</summary>
    public FeatureTargets Targets { get; }

    /// <summary>Ends the lease; a second call does nothing.</summary>
    public void Dispose()
    {
        var release = _release;
        _release = null;
        release?.Invoke();
    }
}
