using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// Hears every <see cref="CancelRender"/> (each process has an endpoint of its own) and stops a
/// batch of this process once all its renders are cancelled; the renders then end with
/// RenderFailed <c>cancelled</c>.
/// </summary>
internal sealed class CancelRenderConsumer(CancelledRenders cancelled) : IConsumer<CancelRender>
{
    public Task Consume(ConsumeContext<CancelRender> context)
    {
        if (context.Message.Key is { Length: > 0 } key)
        {
            cancelled.Cancel(key);
        }
        return Task.CompletedTask;
    }
}
