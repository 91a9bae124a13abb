using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>What the gateway sends to workers and announces: the bus in a host, a recorder in unit tests.</summary>
internal interface IRenderDispatch
{
    /// <summary>Sends a batch to the workers' competing queue.</summary>
    Task SendAsync(RenderBatch batch, CancellationToken cancellationToken);

    /// <summary>Tells every worker to stop a render.</summary>
    Task CancelAsync(CancelRender cancel, CancellationToken cancellationToken);

    /// <summary>Announces a finished sweep.</summary>
    Task SweepCompletedAsync(SweepCompleted completed, CancellationToken cancellationToken);
}
