using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Renders;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Store;

namespace NeuralStyle.Farm.Gateway.Sweeps;

/// <summary>
/// Cancelling a sweep or a render. A queued render is cancelled at once; a running one is marked
/// cancelled and every worker is told to stop it (its late events are then ignored). A sweep gives
/// up only the renders no other unfinished sweep needs; its cells of shared renders show cancelled
/// while the render goes on for the others. A cancelled sweep is closed by the finisher (grids of
/// what there is, then sweep_cancelled).
/// </summary>
internal sealed class Cancellations(
    FarmDatabase database,
    SweepRepository sweeps,
    RenderRepository renders,
    EventRepository events,
    SweepFinisher finisher,
    ProgressThrottle throttle,
    IRenderDispatch dispatch,
    SchedulerSignal scheduler,
    GatewayInstruments instruments)
{
    public async Task<bool> CancelSweepAsync(Guid id, CancellationToken cancellationToken)
    {
        var running = await database.WriteAsync<IReadOnlyList<string>?>(async write =>
        {
            var sweep = await sweeps.GetAsync(write, id);
            if (sweep is null)
            {
                return null;
            }
            if (sweep.Status != StatusWords.SweepRunning)
            {
                throw new FarmRequestException(ErrorCode.InvalidSweep, $"sweep {id} is already {sweep.Status}", 409);
            }
            var (open, shared) = await sweeps.OpenKeysAsync(write, id);
            // Cells first, while their renders are still unfinished: that is what marks a cell given up.
            await sweeps.CancelAsync(write, id);
            var cancelled = await CancelRendersAsync(write, open.Where(k => !shared.Contains(k)).ToArray());
            write.AfterCommit(() => finisher.Enqueue(id));
            return cancelled;
        }, cancellationToken);
        if (running is null)
        {
            return false;
        }
        await TellWorkersAsync(running, cancellationToken);
        return true;
    }

    public async Task<bool> CancelRenderAsync(string key, CancellationToken cancellationToken)
    {
        var running = await database.WriteAsync<IReadOnlyList<string>?>(async write =>
        {
            var render = await renders.GetAsync(write, key);
            if (render is null)
            {
                return null;
            }
            if (StatusWords.IsTerminal(render.Status))
            {
                throw new FarmRequestException(ErrorCode.InvalidSetting, $"render {key} is already {render.Status}", 409);
            }
            var cancelled = await CancelRendersAsync(write, [key]);
            var finished = await sweeps.FinishedByAsync(write, [key]);
            write.AfterCommit(() => finisher.Enqueue(finished));
            return cancelled;
        }, cancellationToken);
        if (running is null)
        {
            return false;
        }
        await TellWorkersAsync(running, cancellationToken);
        return true;
    }

    /// <summary>Cancels the unfinished renders among <paramref name="keys"/> with their events; returns those that were running.</summary>
    private async Task<IReadOnlyList<string>> CancelRendersAsync(WriteContext write, IReadOnlyList<string> keys)
    {
        var cancelled = await renders.CancelAsync(write, keys);
        foreach (var render in cancelled)
        {
            instruments.RenderFinished(StatusWords.Cancelled);
            await events.PruneProgressAsync(write, render.RenderKey);
            await events.AppendAsync(write, FarmEventTypes.RenderCancelled, null, render.RenderKey,
                RenderViews.Of((await renders.GetAsync(write, render.RenderKey))!));
        }
        return cancelled.Where(r => r.Status == StatusWords.Running).Select(r => r.RenderKey).ToArray();
    }

    private async Task TellWorkersAsync(IReadOnlyList<string> running, CancellationToken cancellationToken)
    {
        throttle.Forget(running);
        // A cancel may change what is queued first; a pass costs little when nothing can go.
        scheduler.Wake();
        foreach (var key in running)
        {
            await dispatch.CancelAsync(new CancelRender(key), cancellationToken);
        }
    }
}
