using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// Publishes each worker's <see cref="Contracts.Messages.WorkerHeartbeat"/>: when the bus is up,
/// every <see cref="WorkerOptions.HeartbeatInterval"/>, whenever a worker starts or ends a batch
/// (its free slot counts at once for dispatch), and with <c>Stopping</c> when the host stops. A
/// heartbeat that cannot be published is logged and the next one tries again.
/// </summary>
internal sealed partial class WorkerHeartbeats(WorkerPool pool, IBusControl bus, WorkerOptions options, TimeProvider time,
    ILogger<WorkerHeartbeats> logger) : BackgroundService
{
    private static readonly TimeSpan BusStartTimeout = TimeSpan.FromMinutes(1);

    private volatile bool _ready;
    private volatile bool _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Hosted services start in turn: the bus may start after this one.
        try
        {
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken).WaitAsync(BusStartTimeout, stoppingToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A bus that is slow to report healthy may still carry messages: heartbeats try, and log if not.
            LogBusNotHealthy(BusStartTimeout.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        _ready = true;
        pool.Changed += OnChanged;
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        do
        {
            await PublishAllAsync(stopping: false, stoppingToken).ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        pool.Changed -= OnChanged;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_ready)
        {
            // Best effort: published only while the bus still runs (register the workers after the bus to stop first).
            await PublishAllAsync(stopping: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void OnChanged(FarmWorker worker) => _ = PublishAsync(worker, _stopping, CancellationToken.None);

    private async Task PublishAllAsync(bool stopping, CancellationToken cancellationToken)
    {
        foreach (var worker in pool.Workers)
        {
            await PublishAsync(worker, stopping, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(FarmWorker worker, bool stopping, CancellationToken cancellationToken)
    {
        try
        {
            await bus.Publish(worker.Heartbeat(stopping), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping (the host or the bus): the gateway counts a silent worker as gone anyway.
        }
        catch (Exception e)
        {
            LogHeartbeatFailed(worker.Name, e);
        }
    }
}
