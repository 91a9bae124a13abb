using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace NeuralStyle.Engine.Tests.Diagnostics;

/// <summary>Records every measurement of one meter's instruments (and only that meter's: other tests' engines report elsewhere).</summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MeasurementRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of the measurements of <paramref name="name"/>, optionally only those tagged <paramref name="tag"/>.</summary>
    public double Sum(string name, KeyValuePair<string, object?>? tag = null) =>
        Of(name, tag).Sum(m => m.Value);

    /// <summary>The measurements of <paramref name="name"/> in order.</summary>
    public IReadOnlyList<double> Values(string name, KeyValuePair<string, object?>? tag = null) =>
        Of(name, tag).Select(m => m.Value).ToArray();

    /// <summary>The current value of an observable gauge.</summary>
    public double Observe(string name)
    {
        var before = _measurements.Count(m => m.Name == name);
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Name == name).Skip(before).Single().Value;
    }

    private IEnumerable<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> Of(string name,
        KeyValuePair<string, object?>? tag) =>
        _measurements.Where(m => m.Name == name && (tag is not { } t || m.Tags.Contains(t)));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray()));

    public void Dispose() => _listener.Dispose();
}
