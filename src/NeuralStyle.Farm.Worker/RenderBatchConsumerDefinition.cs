using MassTransit;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// The render-batch queue, shared by every worker process: this process takes as many batches at
/// once as it has workers and prefetches no more, so the broker's queue (not a busy worker)
/// holds what waits, and the gateway's credit-based dispatch stays exact.
/// </summary>
internal sealed class RenderBatchConsumerDefinition : ConsumerDefinition<RenderBatchConsumer>
{
    public RenderBatchConsumerDefinition(WorkerOptions options)
    {
        EndpointName = FarmQueues.RenderBatch;
        ConcurrentMessageLimit = options.Count;
        Endpoint(endpoint =>
        {
            endpoint.Name = FarmQueues.RenderBatch;
            endpoint.ConcurrentMessageLimit = options.Count;
            endpoint.PrefetchCount = options.Count;
        });
    }
}
