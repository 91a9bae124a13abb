using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Store;

namespace NeuralStyle.Farm.Gateway.Sweeps;

/// <summary>
/// Closes sweeps, one at a time: when every cell of a sweep is finished (or the sweep was
/// cancelled), has the composer write its grid pages into the blob store, records them
/// (grid_written events), then marks the sweep completed with sweep_completed (or appends
/// sweep_cancelled) and announces <see cref="SweepCompleted"/>. Idempotent: a sweep already closed
/// is skipped, so being asked twice (or again after a restart) is harmless. A composer failure is
/// logged and the sweep still closes; its grids are tried again at the next start.
/// </summary>
internal sealed partial class SweepFinisher(
    FarmDatabase database,
    SweepRepository sweeps,
    EventRepository events,
    ISweepDocuments documents,
    IRenderDispatch dispatch,
    ILogger<SweepFinisher> logger) : BackgroundService
{
    private readonly Channel<Guid> _sweeps = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    // Each sweep waits at most once: the queue is bounded by the number of sweeps.
    private readonly HashSet<Guid> _waiting = [];

    public void Enqueue(Guid sweepId)
    {
        lock (_lock)
        {
            if (_waiting.Add(sweepId))
            {
                _sweeps.Writer.TryWrite(sweepId);
            }
        }
    }

    public void Enqueue(IEnumerable<Guid> sweepIds)
    {
        foreach (var id in sweepIds)
        {
            Enqueue(id);
        }
    }

    /// <summary>Closes <paramref name="sweepId"/> if it is finished and not closed yet.</summary>
    internal async Task FinishAsync(Guid sweepId, CancellationToken cancellationToken)
    {
        var sweep = await sweeps.GetAsync(sweepId, cancellationToken);
        if (sweep is null || (sweep.GridsWritten != 0 && sweep.ClosedEventId is not null))
        {
            return;
        }
        var document = await sweeps.DocumentAsync(sweepId, cancellationToken);
        if (sweep.Status == StatusWords.SweepRunning && document!.Cells.Any(c => c.Status is FarmRenderStatus.Queued or FarmRenderStatus.Running))
        {
            return;
        }
        IReadOnlyList<GridPageView>? grids = null;
        if (sweep.GridsWritten == 0)
        {
            try
            {
                grids = await documents.WriteGridsAsync(document!, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogGridsFailed(sweepId, e);
            }
        }
        var completed = await database.WriteAsync<SweepCompleted?>(async write =>
        {
            var current = await sweeps.GetAsync(write, sweepId);
            if (current is null || (current.Status == StatusWords.SweepRunning && !await sweeps.AllFinishedAsync(write, sweepId)))
            {
                // A cell went back to the queue meanwhile (another sweep asked again for a failed render): not finished after all.
                return null;
            }
            if (grids is not null)
            {
                await sweeps.RecordGridsAsync(write, sweepId, grids);
                foreach (var page in grids)
                {
                    await events.AppendAsync(write, FarmEventTypes.GridWritten, sweepId, null, page);
                }
            }
            if (current.ClosedEventId is not null)
            {
                return null;
            }
            var counts = await sweeps.CountsAsync(write, sweepId);
            var type = current.Status == StatusWords.SweepCancelled ? FarmEventTypes.SweepCancelled : FarmEventTypes.SweepCompleted;
            await sweeps.CloseAsync(write, sweepId, await events.AppendAsync(write, type, sweepId, null, counts));
            return new SweepCompleted(sweepId, counts.Succeeded, counts.Failed, counts.Cancelled);
        }, cancellationToken);
        if (completed is not null)
        {
            LogClosed(sweepId, completed.Completed, completed.Failed, completed.Cancelled);
            await dispatch.SweepCompletedAsync(completed, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var sweepId in _sweeps.Reader.ReadAllAsync(stoppingToken))
            {
                lock (_lock)
                {
                    _waiting.Remove(sweepId);
                }
                try
                {
                    await FinishAsync(sweepId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFinishFailed(sweepId, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
