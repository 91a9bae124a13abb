using System.Diagnostics.Metrics;

namespace NeuralStyle.Farm.Gateway.Diagnostics;

/// <summary>
/// The gateway's metrics, one <see cref="Meter"/> named <see cref="MeterName"/>: sweeps submitted,
/// batches dispatched, renders finished by outcome, retries, worker events discarded as duplicates
/// or stale, workers lost. Tags take few values (outcome, reason), never a render's or sweep's id.
/// Thread-safe.
/// </summary>
public sealed class GatewayInstruments : IDisposable
{
    /// <summary>The meter's name, for a listener or an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "NeuralStyle.Farm.Gateway";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _sweepsSubmitted;
    private readonly Counter<long> _batchesDispatched;
    private readonly Counter<long> _rendersDispatched;
    private readonly Counter<long> _rendersFinished;
    private readonly Counter<long> _rendersRetried;
    private readonly Counter<long> _eventsDiscarded;
    private readonly Counter<long> _workersLost;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (a host's), or on a meter of their own.</summary>
    public GatewayInstruments(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _sweepsSubmitted = Meter.CreateCounter<long>("nsf.gateway.sweeps.submitted", "{sweep}", "Sweeps accepted.");
        _batchesDispatched = Meter.CreateCounter<long>("nsf.gateway.batches.dispatched", "{batch}", "Batches sent to workers.");
        _rendersDispatched = Meter.CreateCounter<long>("nsf.gateway.renders.dispatched", "{render}", "Renders sent to workers (each attempt).");
        _rendersFinished = Meter.CreateCounter<long>("nsf.gateway.renders.finished", "{render}",
            "Renders that reached a terminal state, by outcome (succeeded, failed, cancelled).");
        _rendersRetried = Meter.CreateCounter<long>("nsf.gateway.renders.retried", "{render}",
            "Renders put back in the queue, by reason (failure, worker_lost, restart).");
        _eventsDiscarded = Meter.CreateCounter<long>("nsf.gateway.events.discarded", "{event}",
            "Worker events ignored, by reason: duplicate (a completion of a render already succeeded) or stale (an older attempt).");
        _workersLost = Meter.CreateCounter<long>("nsf.gateway.workers.lost", "{worker}", "Workers silent past the timeout.");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    internal void SweepSubmitted() => _sweepsSubmitted.Add(1);

    internal void BatchDispatched(int renders)
    {
        _batchesDispatched.Add(1);
        _rendersDispatched.Add(renders);
    }

    internal void RenderFinished(string outcome) => _rendersFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void RenderRequeued(string reason, int renders = 1) =>
        _rendersRetried.Add(renders, new KeyValuePair<string, object?>("reason", reason));

    internal void DuplicateCompletion() => _eventsDiscarded.Add(1, new KeyValuePair<string, object?>("reason", "duplicate"));

    internal void StaleEvent() => _eventsDiscarded.Add(1, new KeyValuePair<string, object?>("reason", "stale"));

    internal void WorkerLost() => _workersLost.Add(1);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
