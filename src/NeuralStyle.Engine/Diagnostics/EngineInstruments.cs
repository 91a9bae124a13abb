using System.Diagnostics.Metrics;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Diagnostics;

/// <summary>
/// The engine's metrics, one <see cref="Meter"/> named <see cref="MeterName"/>: targets computed, reused,
/// evicted and held by target caches, model loads, renders completed and failed. Base units: seconds
/// (<c>s</c>) and bytes (<c>By</c>); tags take few values (target kind, error code, cancelled), never
/// a render's identity. An exporter names them Prometheus-style, e.g. <c>nsf_targets_computed_total</c>,
/// <c>nsf_render_duration_seconds</c>, <c>nsf_targets_cached_bytes</c>.
/// Thread-safe: every engine of a process may share one instance (<see cref="Shared"/>), and the
/// cache gauges then sum over their caches.
/// </summary>
public sealed class EngineInstruments : IDisposable
{
    /// <summary>The meter's name, for a listener or an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "NeuralStyle.Engine";

    // Renders take seconds to hours; loads of VGG-19 a fraction of a second to a minute.
    private static readonly double[] RenderSecondsBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];
    private static readonly double[] LoadSecondsBuckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32];

    private readonly bool _ownsMeter;
    private readonly Counter<long> _targetsComputed;
    private readonly Counter<long> _targetsComputedBytes;
    private readonly Counter<long> _targetsReused;
    private readonly Counter<long> _targetsEvicted;
    private readonly Counter<long> _targetsEvictedBytes;
    private readonly Counter<long> _modelLoads;
    private readonly Histogram<double> _modelLoadDuration;
    private readonly Counter<long> _rendersCompleted;
    private readonly Counter<long> _rendersFailed;
    private readonly Counter<long> _renderIterations;
    private readonly Histogram<double> _renderDuration;
    private readonly Histogram<int> _renderBatchSize;

    // Sums over every cache reporting here; read by the observable gauges from any thread.
    private long _cachedBytes;
    private long _cachedTargets;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (a host's), or on a meter of their own.</summary>
    public EngineInstruments(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _targetsComputed = Meter.CreateCounter<long>("nsf.targets.computed", "{target}",
            "Content and style targets computed (target cache misses).");
        _targetsComputedBytes = Meter.CreateCounter<long>("nsf.targets.computed.bytes", "By",
            "Device memory of the targets computed.");
        _targetsReused = Meter.CreateCounter<long>("nsf.targets.reused", "{target}",
            "Targets served from a target cache.");
        _targetsEvicted = Meter.CreateCounter<long>("nsf.targets.evicted", "{target}",
            "Targets evicted from a target cache to keep it within its bound.");
        _targetsEvictedBytes = Meter.CreateCounter<long>("nsf.targets.evicted.bytes", "By",
            "Device memory of the targets evicted.");
        Meter.CreateObservableGauge("nsf.targets.cached.bytes", () => Interlocked.Read(ref _cachedBytes), "By",
            "Device memory the target caches hold now.");
        Meter.CreateObservableGauge("nsf.targets.cached", () => Interlocked.Read(ref _cachedTargets), "{target}",
            "Targets the target caches hold now.");
        _modelLoads = Meter.CreateCounter<long>("nsf.model.loads", "{load}", "Loads of VGG-19 onto a device.");
        _modelLoadDuration = Meter.CreateHistogram("nsf.model.load.duration", "s",
            "Time to read the weights and copy them onto the device.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LoadSecondsBuckets });
        _rendersCompleted = Meter.CreateCounter<long>("nsf.renders.completed", "{render}",
            "Renders that returned an image (cancelled ones tagged cancelled=true).");
        _rendersFailed = Meter.CreateCounter<long>("nsf.renders.failed", "{render}",
            "Renders that failed, tagged by error.type (the error code, e.g. image_unreadable).");
        _renderIterations = Meter.CreateCounter<long>("nsf.render.iterations", "{iteration}",
            "Optimiser iterations run, per image (a batch of n counts n per iteration).");
        _renderDuration = Meter.CreateHistogram("nsf.render.duration", "s",
            "Time a render or batch optimised, from the model ready to the result (excludes model loads).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RenderSecondsBuckets });
        _renderBatchSize = Meter.CreateHistogram("nsf.render.batch.size", "{render}",
            "Images optimised together in one render call.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
    }

    /// <summary>The instruments engines use unless given others; never disposed.</summary>
    public static EngineInstruments Shared { get; } = new();

    /// <summary>The meter every instrument belongs to.</summary>
    public Meter Meter { get; }

    /// <summary>Targets of <paramref name="bytes"/> were computed; <paramref name="kept"/>: the cache holds them now.</summary>
    internal void OnTargetsComputed(TargetKind kind, long bytes, bool kept)
    {
        var tag = KindTag(kind);
        _targetsComputed.Add(1, tag);
        _targetsComputedBytes.Add(bytes, tag);
        if (kept)
        {
            Interlocked.Add(ref _cachedBytes, bytes);
            Interlocked.Increment(ref _cachedTargets);
        }
    }

    /// <summary>Targets were served from a cache.</summary>
    internal void OnTargetsReused(TargetKind kind) => _targetsReused.Add(1, KindTag(kind));

    /// <summary>A cache evicted targets of <paramref name="bytes"/> to stay within its bound.</summary>
    internal void OnTargetsEvicted(TargetKind kind, long bytes)
    {
        var tag = KindTag(kind);
        _targetsEvicted.Add(1, tag);
        _targetsEvictedBytes.Add(bytes, tag);
        OnTargetsDropped(bytes, 1);
    }

    /// <summary>A cache let go of <paramref name="count"/> targets of <paramref name="bytes"/> in all (cleared, or disposed) without evicting them.</summary>
    internal void OnTargetsDropped(long bytes, int count)
    {
        Interlocked.Add(ref _cachedBytes, -bytes);
        Interlocked.Add(ref _cachedTargets, -count);
    }

    /// <summary>VGG-19 was loaded onto a device in <paramref name="seconds"/>.</summary>
    internal void OnModelLoaded(double seconds)
    {
        _modelLoads.Add(1);
        _modelLoadDuration.Record(seconds);
    }

    /// <summary>A render or batch of <paramref name="batch"/> images ran <paramref name="iterations"/> iterations each in <paramref name="seconds"/>.</summary>
    internal void OnRenderCompleted(double seconds, int iterations, int batch, bool cancelled)
    {
        _rendersCompleted.Add(batch, new KeyValuePair<string, object?>("cancelled", cancelled));
        _renderIterations.Add((long)iterations * batch);
        _renderDuration.Record(seconds);
        _renderBatchSize.Record(batch);
    }

    /// <summary>A render or batch of <paramref name="batch"/> images failed with an error of type <paramref name="errorType"/>.</summary>
    internal void OnRenderFailed(string errorType, int batch) =>
        _rendersFailed.Add(batch, new KeyValuePair<string, object?>("error.type", errorType));

    private static KeyValuePair<string, object?> KindTag(TargetKind kind) =>
        new("kind", kind == TargetKind.Content ? "content" : "style");

    /// <inheritdoc />
    public void Dispose()
    {
        // A factory's meter is the factory's to dispose.
        if (_ownsMeter && this != Shared)
        {
            Meter.Dispose();
        }
    }
}
