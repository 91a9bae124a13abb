using System.Diagnostics.Metrics;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// The worker's metrics (meter <see cref="MeterName"/>): batches consumed, renders reported by
/// outcome, progress events sent. The engine's own instruments count iterations, targets and loads.
/// Thread-safe.
/// </summary>
public sealed class WorkerInstruments : IDisposable
{
    /// <summary>The meter's name, for a listener or an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "NeuralStyle.Farm.Worker";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _renders;
    private readonly Counter<long> _progress;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (a host's), or on a meter of their own.</summary>
    public WorkerInstruments(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _batches = Meter.CreateCounter<long>("nsf.worker.batches", "{batch}", "Render batches a worker took from the queue.");
        _renders = Meter.CreateCounter<long>("nsf.worker.renders", "{render}",
            "Render outcomes a worker reported, tagged by outcome (succeeded, or the error code: cancelled, image_unreadable, ...).");
        _progress = Meter.CreateCounter<long>("nsf.worker.progress.events", "{event}",
            "RenderProgressed events sent, tagged preview=true when they carried an image.");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    internal void OnBatchStarted() => _batches.Add(1);

    internal void OnRenderFinished(string outcome) => _renders.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void OnProgressPublished(bool preview) => _progress.Add(1, new KeyValuePair<string, object?>("preview", preview));

    /// <inheritdoc />
    public void Dispose()
    {
        // A factory's meter is the factory's to dispose.
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
