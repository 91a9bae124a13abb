using System.Threading.Channels;
using MassTransit;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// Publishes a batch's events in the order they happen, off the render thread: the sink only
/// queues, so a slow or failing broker never stalls an iteration. The queue is unbounded but fed
/// at a bounded rate (progress is throttled per render). A publish that fails stops the pump, and
/// <see cref="CompleteAsync"/> rethrows it: a broker that is down is the consumer's failure, not the render's.
/// </summary>
internal sealed class WorkerEvents
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public WorkerEvents(IPublishEndpoint publisher)
    {
        _pump = Task.Run(async () =>
        {
            await foreach (var message in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                // Published by its runtime type: each event is its own message type.
                await publisher.Publish(message, message.GetType(), CancellationToken.None).ConfigureAwait(false);
            }
        });
    }

    /// <summary>Queues <paramref name="message"/>; dropped once the pump has failed.</summary>
    public void Post(object message) => _queue.Writer.TryWrite(message);

    /// <summary>Publishes everything queued, then returns; throws what stopped the pump.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
