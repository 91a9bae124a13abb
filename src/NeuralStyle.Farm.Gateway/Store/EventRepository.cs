using System.Text.Json;
using Dapper;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>
/// The event log: append inside a write (ids increase and are never reused), read in pages after an
/// id, drop the progress events of renders that finished (their terminal events stay forever).
/// </summary>
internal sealed class EventRepository(FarmDatabase database, TimeProvider time)
{
    /// <summary>Appends an event whose data is <paramref name="data"/> as farm JSON; returns its id.</summary>
    public async Task<long> AppendAsync<T>(WriteContext write, string type, Guid? sweepId, string? key, T data)
    {
        var id = await write.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO events (event_type, sweep_id, render_key, data_json, at_ms)
            VALUES (@type, @sweep, @key, @data, @at)
            RETURNING event_id
            """,
            new { type, sweep = sweepId?.ToString(), key, data = FarmJson.Serialize(data), at = time.GetUtcNow().ToUnixTimeMilliseconds() },
            write.Transaction);
        write.LastEventId = Math.Max(write.LastEventId, id);
        return id;
    }

    /// <summary>The highest id appended so far (0 when none), read inside a write so nothing slips between it and the write's own events.</summary>
    public Task<long> LastIdAsync(WriteContext write) =>
        write.Connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(event_id), 0) FROM events", transaction: write.Transaction);

    /// <summary>Drops the throttled progress of a render that reached a terminal state.</summary>
    public Task PruneProgressAsync(WriteContext write, string key) =>
        write.Connection.ExecuteAsync("DELETE FROM events WHERE render_key = @key AND event_type = @type",
            new { key, type = FarmEventTypes.RenderProgressed }, write.Transaction);

    /// <summary>
    /// At most <paramref name="limit"/> events after <paramref name="after"/>, oldest first: every
    /// event, or a sweep's own events and the events of its renders since it was submitted.
    /// </summary>
    public Task<IReadOnlyList<FarmEvent>> PageAsync(long after, SweepRow? sweep, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<FarmEvent>>(async connection =>
        {
            var rows = sweep is null
                ? await connection.QueryAsync<EventRow>(
                    "SELECT * FROM events WHERE event_id > @after ORDER BY event_id LIMIT @limit", new { after, limit })
                : await connection.QueryAsync<EventRow>(
                    """
                    SELECT * FROM events
                    WHERE event_id > @after
                      AND (sweep_id = @sweep
                           OR (event_id > @start AND render_key IN (SELECT render_key FROM points WHERE sweep_id = @sweep)))
                    ORDER BY event_id LIMIT @limit
                    """,
                    new { after, sweep = sweep.SweepId, start = sweep.EventsAfter, limit });
            return rows.Select(ToEvent).ToArray();
        }, cancellationToken);

    private static FarmEvent ToEvent(EventRow row)
    {
        using var data = JsonDocument.Parse(row.DataJson);
        return new FarmEvent(row.EventId, row.EventType, DateTimeOffset.FromUnixTimeMilliseconds(row.AtMs),
            row.SweepId is { } sweep ? Guid.Parse(sweep) : null, row.RenderKey, data.RootElement.Clone());
    }
}
