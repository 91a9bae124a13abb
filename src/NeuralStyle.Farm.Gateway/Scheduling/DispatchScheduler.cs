using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Renders;
using NeuralStyle.Farm.Gateway.Store;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// Sends queued renders to workers by credit: while live workers have more slots than batches in
/// flight, it takes the next batch fairly, round-robin over unfinished sweeps in submission order
/// (one batch per sweep per turn, so a small sweep submitted after a large one starts long before
/// the large one ends), of compatible renders of that sweep up to <see cref="GatewayOptions.MaxBatchSize"/>.
/// Woken by <see cref="SchedulerSignal"/> (submissions, outcomes, heartbeats, cancels); a one-second
/// timer only looks for silent workers. Start-up recovery runs before the first pass.
/// </summary>
internal sealed partial class DispatchScheduler(
    GatewayOptions options,
    FarmDatabase database,
    SweepRepository sweeps,
    RenderRepository renders,
    InFlightBatches inFlight,
    WorkerRegistry workers,
    SchedulerSignal signal,
    IRenderDispatch dispatch,
    WorkerEvents workerEvents,
    GatewayRecovery recovery,
    GatewayInstruments instruments,
    TimeProvider time,
    ILogger<DispatchScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan WorkerCheckPeriod = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _pass = new(1, 1);
    private long _lastSweepOrder;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await recovery.RunAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    /// <summary>One pass: dispatches batches while credit lasts and renders wait.</summary>
    internal async Task DispatchAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            while (workers.LiveSlots() - inFlight.Count > 0)
            {
                if (await TakeBatchAsync(cancellationToken) is not { } batch)
                {
                    return;
                }
                inFlight.Add(batch.BatchId, batch.Renders.Select(r => r.Key()), batch.Attempt, time.GetUtcNow());
                try
                {
                    await dispatch.SendAsync(batch, cancellationToken);
                    instruments.BatchDispatched(batch.Renders.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSendFailed(batch.BatchId, batch.Renders.Count, e);
                    var keys = await database.WriteAsync(write => renders.RequeueRunningAsync(write, batchId: batch.BatchId), CancellationToken.None);
                    inFlight.Forget(keys);
                    return;
                }
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>
    /// Marks workers silent past the timeout gone and takes their renders back, and takes back
    /// batches no worker claimed within twice the timeout (lost between the queue and a worker).
    /// </summary>
    internal async Task CheckWorkersAsync(CancellationToken cancellationToken)
    {
        foreach (var worker in workers.MarkSilentGone())
        {
            await workerEvents.WorkerLostAsync(worker, cancellationToken);
        }
        foreach (var batch in inFlight.TakeUnclaimed(time.GetUtcNow() - 2 * options.WorkerTimeout))
        {
            await workerEvents.BatchLostAsync(batch, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checks = CheckWorkersPeriodicallyAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await DispatchAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed pass (the database busy past its timeout) must not end dispatching; the next wake-up retries.
                    LogPassFailed(e);
                }
                await signal.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await checks;
    }

    private async Task CheckWorkersPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WorkerCheckPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckWorkersAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPassFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task<RenderBatch?> TakeBatchAsync(CancellationToken cancellationToken) =>
        database.WriteAsync<RenderBatch?>(async write =>
        {
            var waiting = await sweeps.WithQueuedAsync(write);
            if (waiting.Count == 0)
            {
                return null;
            }
            // The next sweep after the one served last, wrapping round: one batch per sweep per turn.
            var (order, sweepId) = waiting.FirstOrDefault(s => s.Order > _lastSweepOrder) is { SweepId: not null } next ? next : waiting[0];
            var rows = await renders.NextBatchAsync(write, sweepId, Math.Max(1, options.MaxBatchSize));
            if (rows.Count == 0)
            {
                return null;
            }
            var batchId = Guid.NewGuid();
            await renders.MarkDispatchedAsync(write, rows.Select(r => r.RenderKey).ToArray(), batchId);
            _lastSweepOrder = order;
            return new RenderBatch(batchId, rows.Select(r => FarmJson.Deserialize<PortableRender>(r.RenderJson)).ToArray(), rows[0].Attempts + 1);
        }, cancellationToken);
}
