using System.Threading.Channels;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// Wakes the scheduler: any number of wake-ups while it works fold into one more pass, so a burst
/// of events costs one dispatch round, and nothing is ever queued beyond one token. Thread-safe.
/// </summary>
internal sealed class SchedulerSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Asks for a dispatch pass (returns at once).</summary>
    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Completes when a pass was asked for since the last wait.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _channel.Reader.ReadAsync(cancellationToken);
}
