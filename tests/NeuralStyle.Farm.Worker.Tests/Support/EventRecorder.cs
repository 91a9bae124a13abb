using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Worker.Tests.Support;

/// <summary>Stands in for the gateway: consumes every event the workers publish into <see cref="RecordedEvents"/>.</summary>
public sealed class EventRecorder(RecordedEvents events) :
    IConsumer<RenderStarted>, IConsumer<RenderProgressed>, IConsumer<RenderCompleted>, IConsumer<RenderFailed>, IConsumer<WorkerHeartbeat>
{
    public Task Consume(ConsumeContext<RenderStarted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<RenderProgressed> context) => Record(context.Message);

    public Task Consume(ConsumeContext<RenderCompleted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<RenderFailed> context) => Record(context.Message);

    public Task Consume(ConsumeContext<WorkerHeartbeat> context) => Record(context.Message);

    private Task Record(object message)
    {
        events.Add(message);
        return Task.CompletedTask;
    }
}
