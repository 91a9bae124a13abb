using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Renders;

namespace NeuralStyle.Farm.Gateway.Consumers;

/// <summary>Applies a worker's <see cref="RenderStarted"/> through <see cref="WorkerEvents"/>.</summary>
internal sealed class RenderStartedConsumer(WorkerEvents events) : IConsumer<RenderStarted>
{
    public Task Consume(ConsumeContext<RenderStarted> context) => events.StartedAsync(context.Message, context.CancellationToken);
}
