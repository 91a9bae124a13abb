using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Renders;

namespace NeuralStyle.Farm.Gateway.Consumers;

/// <summary>Records a worker's <see cref="WorkerHeartbeat"/> (in memory; no store write).</summary>
internal sealed class WorkerHeartbeatConsumer(WorkerEvents events) : IConsumer<WorkerHeartbeat>
{
    public Task Consume(ConsumeContext<WorkerHeartbeat> context)
    {
        events.Heartbeat(context.Message);
        return Task.CompletedTask;
    }
}
