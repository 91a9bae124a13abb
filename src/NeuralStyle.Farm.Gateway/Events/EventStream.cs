using System.Runtime.CompilerServices;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Store;

namespace NeuralStyle.Farm.Gateway.Events;

/// <summary>
/// A reader of the event log: replays what follows an id in pages, then waits for new events and
/// reads them the same way, so every event comes once, in id order, and a slow reader only lags
/// (nothing is buffered for it). A sweep's stream holds its own events and its renders' events
/// since it was submitted, and ends after its sweep_completed or sweep_cancelled (at once when the
/// reader already passed it).
/// </summary>
internal sealed class EventStream(EventRepository events, SweepRepository sweeps, EventNotifier notifier)
{
    private const int PageSize = 256;

    public async IAsyncEnumerable<FarmEvent> ReadAsync(long after, Guid? sweepId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SweepRow? sweep = null;
        if (sweepId is { } id && (sweep = await sweeps.GetAsync(id, cancellationToken)) is null)
        {
            yield break;
        }
        var cursor = Math.Max(0, after);
        while (true)
        {
            // Every id up to this one is committed, so a page that comes back short has seen all of them.
            var committed = notifier.Last;
            var page = await events.PageAsync(cursor, sweep, PageSize, cancellationToken);
            foreach (var e in page)
            {
                cursor = e.Id;
                yield return e;
                if (sweep is not null && e.SweepId == sweep.Id && e.Type is FarmEventTypes.SweepCompleted or FarmEventTypes.SweepCancelled)
                {
                    yield break;
                }
            }
            if (page.Count == PageSize)
            {
                continue;
            }
            cursor = Math.Max(cursor, committed);
            if (sweep is not null && (await sweeps.GetAsync(sweep.Id, cancellationToken))?.ClosedEventId is { } closed && closed <= cursor)
            {
                yield break;
            }
            await notifier.WaitPastAsync(cursor, cancellationToken);
        }
    }
}
