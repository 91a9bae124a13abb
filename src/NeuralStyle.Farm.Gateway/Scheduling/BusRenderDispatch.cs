using MassTransit;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// Dispatch over MassTransit: batches sent to the <c>queue:render-batch</c> endpoint (the bus is
/// the root <see cref="ISendEndpointProvider"/>, usable from singletons), cancels and sweep
/// completions published.
/// </summary>
internal sealed class BusRenderDispatch(IBus bus) : IRenderDispatch
{
    private static readonly Uri RenderBatchQueue = new("queue:" + FarmQueues.RenderBatch);

    public async Task SendAsync(RenderBatch batch, CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(RenderBatchQueue);
        await endpoint.Send(batch, cancellationToken);
    }

    public Task CancelAsync(CancelRender cancel, CancellationToken cancellationToken) => bus.Publish(cancel, cancellationToken);

    public Task SweepCompletedAsync(SweepCompleted completed, CancellationToken cancellationToken) => bus.Publish(completed, cancellationToken);
}
