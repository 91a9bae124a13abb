using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Sweeps;

namespace NeuralStyle.Farm.Gateway.Renders;

/// <summary>
/// Applies what workers report to the store and the event log, idempotently by render key and
/// attempt: an event of an attempt other than the render's current one is stale and ignored, a
/// completion of a render already succeeded is a duplicate (delivery is at least once) and is
/// discarded; both are counted. A retryable failure goes back to the queue until
/// <see cref="GatewayOptions.MaxAttempts"/> failures; a render ends failed, succeeded or cancelled
/// exactly once. Thread-safe (every change is one serialised write).
/// </summary>
internal sealed partial class WorkerEvents(
    GatewayOptions options,
    FarmDatabase database,
    RenderRepository renders,
    SweepRepository sweeps,
    EventRepository events,
    InFlightBatches inFlight,
    WorkerRegistry workers,
    ProgressThrottle throttle,
    SchedulerSignal scheduler,
    SweepFinisher finisher,
    GatewayInstruments instruments,
    ILogger<WorkerEvents> logger)
{
    public async Task StartedAsync(RenderStarted started, CancellationToken cancellationToken)
    {
        if (!WellFormed(started.Key, nameof(RenderStarted)))
        {
            return;
        }
        await database.WriteAsync(async write =>
        {
            if (!await renders.StartedAsync(write, started))
            {
                Stale(started.Key, started.Attempt, nameof(RenderStarted));
                return false;
            }
            await events.AppendAsync(write, FarmEventTypes.RenderStarted, null, started.Key, started);
            return true;
        }, cancellationToken);
        inFlight.Claim([started.Key]);
    }

    public async Task ProgressedAsync(RenderProgressed progressed, CancellationToken cancellationToken)
    {
        // Progress carries no attempt: it counts while the render is out with a worker.
        if (!WellFormed(progressed.Key, nameof(RenderProgressed)) || !inFlight.Contains(progressed.Key))
        {
            return;
        }
        var (append, keepPreview) = throttle.Decide(progressed);
        if (!append)
        {
            return;
        }
        var logged = keepPreview ? progressed : progressed with { PreviewPng = null };
        await database.WriteAsync(async write =>
        {
            await renders.ProgressedAsync(write, progressed);
            return await events.AppendAsync(write, FarmEventTypes.RenderProgressed, null, progressed.Key, logged);
        }, cancellationToken);
    }

    public async Task CompletedAsync(RenderCompleted completed, CancellationToken cancellationToken)
    {
        if (!WellFormed(completed.Key, nameof(RenderCompleted)))
        {
            return;
        }
        if (!Sha256Hex.IsWellFormed(completed.ResultSha256) || (completed.TraceSha256 is { } trace && !Sha256Hex.IsWellFormed(trace)))
        {
            LogMalformed(nameof(RenderCompleted), completed.Key);
            return;
        }
        // The slot is given back only once the store has the outcome: a write that fails (and is
        // retried by the bus) leaves the render running and in flight, never running and forgotten.
        var applied = await database.WriteAsync(async write =>
        {
            var row = await renders.GetAsync(write, completed.Key);
            if (row?.Status == StatusWords.Succeeded)
            {
                instruments.DuplicateCompletion();
                LogDuplicate(completed.Key, completed.Attempt);
                return false;
            }
            if (row is null || row.Status != StatusWords.Running || row.Attempts != completed.Attempt)
            {
                Stale(completed.Key, completed.Attempt, nameof(RenderCompleted));
                return false;
            }
            await renders.SucceededAsync(write, completed);
            await EndedAsync(write, completed.Key, FarmEventTypes.RenderCompleted);
            return true;
        }, cancellationToken);
        var freed = inFlight.Finish(completed.Key, completed.Attempt);
        if (applied)
        {
            instruments.RenderFinished(StatusWords.Succeeded);
        }
        Freed(completed.Key, freed);
    }

    public async Task FailedAsync(RenderFailed failed, CancellationToken cancellationToken)
    {
        if (!WellFormed(failed.Key, nameof(RenderFailed)))
        {
            return;
        }
        var outcome = await database.WriteAsync<string?>(async write =>
        {
            var row = await renders.GetAsync(write, failed.Key);
            if (row is null || row.Status != StatusWords.Running || row.Attempts != failed.Attempt)
            {
                Stale(failed.Key, failed.Attempt, nameof(RenderFailed));
                return null;
            }
            var cancelled = failed.ErrorCode == "cancelled";
            // A worker that cancels on its own (it is stopping) says so with retryable: the render goes back, not counted as a failure.
            var failures = cancelled ? row.Failures : row.Failures + 1;
            var status = failed.Retryable && (cancelled || failures < options.MaxAttempts) ? StatusWords.Queued
                : cancelled ? StatusWords.Cancelled
                : StatusWords.Failed;
            await renders.FailedAsync(write, failed, status, failures);
            if (status == StatusWords.Queued)
            {
                await events.AppendAsync(write, FarmEventTypes.RenderQueued, null, failed.Key, RenderViews.Of((await renders.GetAsync(write, failed.Key))!));
            }
            else
            {
                await EndedAsync(write, failed.Key, cancelled ? FarmEventTypes.RenderCancelled : FarmEventTypes.RenderFailed);
            }
            return status;
        }, cancellationToken);
        var freed = inFlight.Finish(failed.Key, failed.Attempt);
        if (outcome == StatusWords.Queued)
        {
            instruments.RenderRequeued("failure");
        }
        else if (outcome is not null)
        {
            instruments.RenderFinished(outcome);
        }
        Freed(failed.Key, freed || outcome == StatusWords.Queued);
    }

    public void Heartbeat(WorkerHeartbeat heartbeat)
    {
        inFlight.Claim(heartbeat.Running ?? []);
        if (workers.Heard(heartbeat))
        {
            scheduler.Wake();
        }
    }

    /// <summary>A worker went silent: its running renders go back to the queue (not counted as failures).</summary>
    public async Task WorkerLostAsync(string worker, CancellationToken cancellationToken)
    {
        var keys = await RequeueAsync(worker: worker, cancellationToken: cancellationToken);
        LogWorkerLost(worker, keys.Count);
        instruments.WorkerLost();
        if (keys.Count > 0)
        {
            instruments.RenderRequeued("worker_lost", keys.Count);
        }
        scheduler.Wake();
    }

    private async Task<IReadOnlyList<string>> RequeueAsync(string? worker = null, Guid? batchId = null, CancellationToken cancellationToken = default)
    {
        var keys = await database.WriteAsync(async write =>
        {
            var requeued = await renders.RequeueRunningAsync(write, worker, batchId);
            foreach (var key in requeued)
            {
                await events.AppendAsync(write, FarmEventTypes.RenderQueued, null, key, RenderViews.Of((await renders.GetAsync(write, key))!));
            }
            return requeued;
        }, cancellationToken);
        inFlight.Forget(keys);
        throttle.Forget(keys);
        return keys;
    }

    /// <summary>A batch no worker claimed: its renders go back to the queue (not counted as failures; their late events are stale).</summary>
    public async Task BatchLostAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var keys = await RequeueAsync(batchId: batchId, cancellationToken: cancellationToken);
        LogBatchLost(batchId, keys.Count);
        instruments.RenderRequeued("unclaimed", keys.Count);
        scheduler.Wake();
    }

    /// <summary>Within a write: the terminal event of a render, its progress pruned, and the sweeps it finished handed to the finisher.</summary>
    private async Task EndedAsync(WriteContext write, string key, string eventType)
    {
        await events.PruneProgressAsync(write, key);
        await events.AppendAsync(write, eventType, null, key, RenderViews.Of((await renders.GetAsync(write, key))!));
        var finished = await sweeps.FinishedByAsync(write, [key]);
        if (finished.Count > 0)
        {
            write.AfterCommit(() => finisher.Enqueue(finished));
        }
    }

    private void Freed(string key, bool slotFreed)
    {
        throttle.Forget(key);
        if (slotFreed)
        {
            scheduler.Wake();
        }
    }

    private bool WellFormed(string? key, string message)
    {
        if (Sha256Hex.IsWellFormed(key))
        {
            return true;
        }
        LogMalformed(message, key is null ? "(none)" : key.Length > 80 ? key[..80] : key);
        return false;
    }

    private void Stale(string key, int attempt, string message)
    {
        instruments.StaleEvent();
        LogStale(message, key, attempt);
    }
}
