using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Renders;

namespace NeuralStyle.Farm.Gateway.Consumers;

/// <summary>Applies a worker's <see cref="RenderCompleted"/> through <see cref="WorkerEvents"/>.</summary>
internal sealed class RenderCompletedConsumer(WorkerEvents events) : IConsumer<RenderCompleted>
{
    public Task Consume(ConsumeContext<RenderCompleted> context) => events.CompletedAsync(context.Message, context.CancellationToken);
}
