using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Renders;

namespace NeuralStyle.Farm.Gateway.Consumers;

/// <summary>Applies a worker's <see cref="RenderProgressed"/> through <see cref="WorkerEvents"/>.</summary>
internal sealed class RenderProgressedConsumer(WorkerEvents events) : IConsumer<RenderProgressed>
{
    public Task Consume(ConsumeContext<RenderProgressed> context) => events.ProgressedAsync(context.Message, context.CancellationToken);
}
