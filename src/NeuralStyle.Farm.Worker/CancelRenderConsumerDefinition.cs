using MassTransit;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// A temporary endpoint per worker process (the name plus the process's instance id), so that a
/// published <see cref="Contracts.Messages.CancelRender"/> reaches every process rather than one.
/// </summary>
internal sealed class CancelRenderConsumerDefinition : ConsumerDefinition<CancelRenderConsumer>
{
    public CancelRenderConsumerDefinition(WorkerIdentity identity)
    {
        Endpoint(endpoint =>
        {
            endpoint.Name = "cancel-render";
            endpoint.InstanceId = identity.InstanceId;
            endpoint.Temporary = true;
        });
    }
}
