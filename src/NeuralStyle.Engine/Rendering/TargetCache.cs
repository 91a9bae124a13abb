using NeuralStyle.Engine.Diagnostics;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Content and style targets by what determines them: image bytes, size, layers, pooling and the
/// model (weights and device). A sweep computes each distinct target once; a worker that lives for
/// weeks keeps at most <see cref="MaxBytes"/> of them, evicting the least recently used first.
/// Targets are used through leases (<see cref="Get"/>): evicting leased targets defers their native
/// free until the last lease closes, so a render never sees its targets freed.
/// Not thread-safe: one cache belongs to one engine (<see cref="StyleTransfer"/>), used by one
/// thread at a time, and its leases are closed on that thread too.
/// </summary>
public sealed class TargetCache : IDisposable
{
    /// <summary>The default bound: 512 MiB (a 1024 px content image at relu4_2 takes 32 MiB; five style Grams 2.3 MiB).</summary>
    public const long DefaultMaxBytes = 512L << 20;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // First: least recently used, evicted first.
    private readonly LinkedList<Entry> _recency = new();
    private readonly EngineInstruments _instruments;

    /// <summary>A cache keeping at most <paramref name="maxBytes"/> of targets (0 keeps none), reporting to <paramref name="instruments"/> (default: <see cref="EngineInstruments.Shared"/>).</summary>
    public TargetCache(long maxBytes = DefaultMaxBytes, EngineInstruments? instruments = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
        _instruments = instruments ?? EngineInstruments.Shared;
    }

    /// <summary>The most device memory the cached targets may hold; larger targets are computed for their render but not kept.</summary>
    public long MaxBytes { get; }

    /// <summary>Targets computed (cache misses), content and style together.</summary>
    public int Computed { get; private set; }

    /// <summary>Targets served from the cache.</summary>
    public int Reused { get; private set; }

    /// <summary>Targets evicted to stay within <see cref="MaxBytes"/>.</summary>
    public int Evicted { get; private set; }

    /// <summary>Device memory the cached targets hold now (evicted targets still leased are not counted).</summary>
    public long Bytes { get; private set; }

    /// <summary>Targets cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// A lease on the targets for <paramref name="input"/>, computing them with <paramref name="model"/>
    /// when not cached. Dispose the lease when the targets are no longer used.
    /// </summary>
    public TargetLease Get(Vgg19Model model, TargetKind kind, InputImage input, Func<RgbImage> readImage,
        int width, int height, PoolingKind pooling, IReadOnlyList<string> layers)
    {
        var key = string.Join('|', kind, input.Sha256, $"{width}x{height}", pooling, string.Join(',', layers),
            model.WeightsSha256, model.Device);
        if (_entries.TryGetValue(key, out var cached))
        {
            Reused++;
            _instruments.OnTargetsReused(kind);
            _recency.Remove(cached.Node);
            _recency.AddLast(cached.Node);
            return cached.Lease();
        }
        var bytes = FeatureTargets.BytesFor(kind, layers, width, height);
        var keep = bytes <= MaxBytes;
        if (keep)
        {
            // Before computing, so that the device has the evicted targets' memory back for the new ones.
            EvictUntilFree(bytes);
        }
        var image = readImage();
        var targets = kind == TargetKind.Content
            ? model.ComputeContentTargets(image, pooling, layers)
            : model.ComputeStyleTargets(image, pooling, layers);
        Computed++;
        _instruments.OnTargetsComputed(kind, bytes, keep);
        if (!keep)
        {
            // Too large for the whole bound: the render uses them, and the lease frees them.
            return new TargetLease(targets, targets.Dispose);
        }
        var entry = new Entry(key, targets, bytes);
        entry.Node = _recency.AddLast(entry);
        _entries[key] = entry;
        Bytes += bytes;
        return entry.Lease();
    }

    /// <summary>Frees every target (they live on the model's device; leased ones when their leases close) and forgets them.</summary>
    public void Clear()
    {
        _instruments.OnTargetsDropped(Bytes, _entries.Count);
        foreach (var entry in _entries.Values)
        {
            entry.Drop();
        }
        _entries.Clear();
        _recency.Clear();
        Bytes = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    private void EvictUntilFree(long bytes)
    {
        while (Bytes + bytes > MaxBytes && _recency.First is { } oldest)
        {
            var entry = oldest.Value;
            _recency.RemoveFirst();
            _entries.Remove(entry.Key);
            Bytes -= entry.Bytes;
            Evicted++;
            _instruments.OnTargetsEvicted(entry.Targets.Kind, entry.Bytes);
            entry.Drop();
        }
    }

    /// <summary>Cached targets and the leases open on them.</summary>
    private sealed class Entry(string key, FeatureTargets targets, long bytes)
    {
        private int _leases;
        private bool _dropped;

        public string Key { get; } = key;

        public FeatureTargets Targets { get; } = targets;

        public long Bytes { get; } = bytes;

        public LinkedListNode<Entry> Node { get; set; } = null!;

        public TargetLease Lease()
        {
            _leases++;
            return new TargetLease(Targets, Release);
        }

        /// <summary>Out of the cache: freed now, or by the last lease to close.</summary>
        public void Drop()
        {
            _dropped = true;
            if (_leases == 0)
            {
                Targets.Dispose();
            }
        }

        private void Release()
        {
            _leases--;
            if (_leases == 0 && _dropped)
            {
                Targets.Dispose();
            }
        }
    }
}
