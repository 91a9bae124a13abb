using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Renders;

namespace NeuralStyle.Farm.Gateway.Consumers;

/// <summary>Applies a worker's <see cref="RenderFailed"/> through <see cref="WorkerEvents"/>.</summary>
internal sealed class RenderFailedConsumer(WorkerEvents events) : IConsumer<RenderFailed>
{
    public Task Consume(ConsumeContext<RenderFailed> context) => events.FailedAsync(context.Message, context.CancellationToken);
}
