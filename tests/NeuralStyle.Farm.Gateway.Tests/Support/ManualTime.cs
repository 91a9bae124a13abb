namespace NeuralStyle.Farm.Gateway.Tests.Support;

/// <summary>A clock that moves only when told to (timers still run on real time).</summary>
public sealed class ManualTime : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private long _timestamp = 1_000_000;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _timestamp;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
            _timestamp += (long)(by.TotalSeconds * TimestampFrequency);
        }
    }
}
