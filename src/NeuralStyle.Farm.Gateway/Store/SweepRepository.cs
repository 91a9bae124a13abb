using System.Data.Common;
using Dapper;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Renders;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>Sweeps, their points (cells) and grid pages.</summary>
internal sealed class SweepRepository(FarmDatabase database, TimeProvider time)
{
    /// <summary>A cell is finished when the sweep gave it up or its render is terminal.</summary>
    private const string UnfinishedPoint =
        "p.cancelled = 0 AND EXISTS (SELECT 1 FROM renders r WHERE r.render_key = p.render_key AND r.status IN ('queued', 'running'))";

    public async Task InsertAsync(WriteContext write, NewSweep sweep, long eventsAfter, IReadOnlySet<string> reusedKeys)
    {
        var order = await write.Connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(MAX(submission_order), 0) + 1 FROM sweeps", transaction: write.Transaction);
        await write.Connection.ExecuteAsync(
            """
            INSERT INTO sweeps (sweep_id, submission_order, title, spec_json, input_names_json, weights_sha256, submitted_ms, status, events_after)
            VALUES (@id, @order, @Title, @SpecJson, @names, @WeightsSha256, @now, @running, @eventsAfter)
            """,
            new
            {
                id = sweep.Id.ToString(), order, sweep.Title, sweep.SpecJson, names = FarmJson.Serialize(sweep.InputNames),
                sweep.WeightsSha256, now = time.GetUtcNow().ToUnixTimeMilliseconds(), running = StatusWords.SweepRunning, eventsAfter,
            },
            write.Transaction);
        await write.Connection.ExecuteAsync(
            """
            INSERT INTO points (sweep_id, point_index, page, grid_row, grid_column, coordinates_json, render_key, reused)
            VALUES (@sweep, @Index, @Page, @Row, @Column, @coordinates, @Key, @reused)
            """,
            sweep.Points.Select(p => new
            {
                sweep = sweep.Id.ToString(), p.Index, p.Page, p.Row, p.Column, coordinates = FarmJson.Serialize(p.Coordinates), p.Key,
                reused = reusedKeys.Contains(p.Key) ? 1 : 0,
            }),
            write.Transaction);
    }

    public Task<SweepRow?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<SweepRow>(
            "SELECT * FROM sweeps WHERE sweep_id = @id", new { id = id.ToString() }), cancellationToken);

    public Task<SweepRow?> GetAsync(WriteContext write, Guid id) => GetAsync(write.Connection, write.Transaction, id);

    public Task<SweepRow?> GetAsync(DbConnection connection, DbTransaction? transaction, Guid id) =>
        connection.QuerySingleOrDefaultAsync<SweepRow>("SELECT * FROM sweeps WHERE sweep_id = @id", new { id = id.ToString() }, transaction);

    /// <summary>Every sweep, newest first, with its counts.</summary>
    public Task<IReadOnlyList<(SweepRow Sweep, SweepCounts Counts)>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<(SweepRow, SweepCounts)>>(async connection =>
        {
            var sweeps = await connection.QueryAsync<SweepRow>("SELECT * FROM sweeps ORDER BY submission_order DESC");
            var counts = (await connection.QueryAsync<(string SweepId, string Status, int Cells)>(
                    $"""
                    SELECT p.sweep_id, CASE WHEN p.cancelled = 1 THEN '{StatusWords.Cancelled}' ELSE r.status END AS cell_status, COUNT(*)
                    FROM points p JOIN renders r ON r.render_key = p.render_key
                    GROUP BY p.sweep_id, cell_status
                    """))
                .ToLookup(c => c.SweepId);
            return sweeps.Select(s => (s, CountsOf(counts[s.SweepId].Select(c => (c.Status, c.Cells))))).ToArray();
        }, cancellationToken);

    /// <summary>Every cell of a sweep in point order (one snapshot).</summary>
    public async Task<IReadOnlyList<CellRow>> CellsAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<CellRow>(
            """
            SELECT p.point_index, p.page, p.grid_row, p.grid_column, p.coordinates_json, p.reused, p.cancelled, r.*
            FROM points p JOIN renders r ON r.render_key = p.render_key
            WHERE p.sweep_id = @id ORDER BY p.point_index
            """,
            new { id = id.ToString() }, transaction)).ToArray();

    public async Task<IReadOnlyList<GridPageView>> GridsAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<(int Page, string File, string? Sha256)>(
            "SELECT page, file, sha256 FROM grid_pages WHERE sweep_id = @id ORDER BY page", new { id = id.ToString() }, transaction))
        .Select(g => new GridPageView(g.Page, g.File, g.Sha256)).ToArray();

    /// <summary>The cells of a sweep by status.</summary>
    public async Task<SweepCounts> CountsAsync(WriteContext write, Guid id) =>
        CountsOf(await write.Connection.QueryAsync<(string, int)>(
            $"""
            SELECT CASE WHEN p.cancelled = 1 THEN '{StatusWords.Cancelled}' ELSE r.status END AS cell_status, COUNT(*)
            FROM points p JOIN renders r ON r.render_key = p.render_key
            WHERE p.sweep_id = @id GROUP BY cell_status
            """,
            new { id = id.ToString() }, write.Transaction));

    /// <summary>Running sweeps that hold one of <paramref name="keys"/> and whose every cell is now finished.</summary>
    public async Task<IReadOnlyList<Guid>> FinishedByAsync(WriteContext write, IReadOnlyCollection<string> keys) =>
        (await write.Connection.QueryAsync<string>(
            $"""
            SELECT s.sweep_id FROM sweeps s
            WHERE s.status = @running
              AND EXISTS (SELECT 1 FROM points k WHERE k.sweep_id = s.sweep_id AND k.render_key IN @keys)
              AND NOT EXISTS (SELECT 1 FROM points p WHERE p.sweep_id = s.sweep_id AND {UnfinishedPoint})
            """,
            new { keys, running = StatusWords.SweepRunning }, write.Transaction)).Select(Guid.Parse).ToArray();

    /// <summary>True when every cell of the sweep is finished.</summary>
    public async Task<bool> AllFinishedAsync(WriteContext write, Guid id) =>
        !await write.Connection.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM points p WHERE p.sweep_id = @sweep AND {UnfinishedPoint})", new { sweep = id.ToString() }, write.Transaction);

    /// <summary>The sweep and every cell as the grid composer and exporter take them; null when unknown.</summary>
    public Task<SweepDocument?> DocumentAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadSnapshotAsync(async (connection, snapshot) =>
        {
            var sweep = await GetAsync(connection, snapshot, id);
            if (sweep is null)
            {
                return null;
            }
            var cells = await CellsAsync(connection, id, snapshot);
            return new SweepDocument(id, sweep.Title, sweep.SpecJson, FarmJson.Deserialize<Dictionary<string, string>>(sweep.InputNamesJson),
                cells.Select(RenderViews.CellOf).ToArray(), sweep.WeightsSha256);
        }, cancellationToken);

    /// <summary>Sweeps that need their grids written or their closing event: finished or cancelled, not yet closed (at start).</summary>
    public Task<IReadOnlyList<Guid>> UnclosedAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Guid>>(async connection => (await connection.QueryAsync<string>(
            $"""
            SELECT s.sweep_id FROM sweeps s
            WHERE (s.status <> @running AND (s.grids_written = 0 OR s.closed_event_id IS NULL))
               OR (s.status = @running AND NOT EXISTS (SELECT 1 FROM points p WHERE p.sweep_id = s.sweep_id AND {UnfinishedPoint}))
            ORDER BY s.submission_order
            """,
            new { running = StatusWords.SweepRunning })).Select(Guid.Parse).ToArray(), cancellationToken);

    /// <summary>Running sweeps that still have a queued render, in submission order: the scheduler's round.</summary>
    public async Task<IReadOnlyList<(long Order, string SweepId)>> WithQueuedAsync(WriteContext write) =>
        (await write.Connection.QueryAsync<(long, string)>(
            """
            SELECT s.submission_order, s.sweep_id FROM sweeps s
            WHERE s.status = @running AND EXISTS (
                SELECT 1 FROM points p JOIN renders r ON r.render_key = p.render_key
                WHERE p.sweep_id = s.sweep_id AND p.cancelled = 0 AND r.status = @queued)
            ORDER BY s.submission_order
            """,
            new { running = StatusWords.SweepRunning, queued = StatusWords.Queued }, write.Transaction)).ToArray();

    /// <summary>Keys of the sweep's unfinished cells, and which of them another running sweep still needs.</summary>
    public async Task<(IReadOnlyList<string> Open, IReadOnlySet<string> Shared)> OpenKeysAsync(WriteContext write, Guid id)
    {
        var sweep = id.ToString();
        var open = (await write.Connection.QueryAsync<string>(
            $"SELECT DISTINCT p.render_key FROM points p WHERE p.sweep_id = @sweep AND {UnfinishedPoint}",
            new { sweep }, write.Transaction)).ToArray();
        var shared = (await write.Connection.QueryAsync<string>(
            """
            SELECT DISTINCT p.render_key FROM points p JOIN sweeps s ON s.sweep_id = p.sweep_id
            WHERE p.render_key IN @open AND p.sweep_id <> @sweep AND s.status = @running AND p.cancelled = 0
            """,
            new { open, sweep, running = StatusWords.SweepRunning }, write.Transaction)).ToHashSet(StringComparer.Ordinal);
        return (open, shared);
    }

    /// <summary>Marks a sweep cancelled and its unfinished cells given up.</summary>
    public async Task CancelAsync(WriteContext write, Guid id)
    {
        var sweep = id.ToString();
        await write.Connection.ExecuteAsync(
            """
            UPDATE points SET cancelled = 1
            WHERE sweep_id = @sweep AND render_key IN (SELECT render_key FROM renders WHERE status IN ('queued', 'running'))
            """,
            new { sweep }, write.Transaction);
        await write.Connection.ExecuteAsync("UPDATE sweeps SET status = @cancelled WHERE sweep_id = @sweep",
            new { sweep, cancelled = StatusWords.SweepCancelled }, write.Transaction);
    }

    /// <summary>Records the grid pages written for a sweep (replacing earlier ones).</summary>
    public async Task RecordGridsAsync(WriteContext write, Guid id, IReadOnlyList<GridPageView> pages)
    {
        var sweep = id.ToString();
        await write.Connection.ExecuteAsync("DELETE FROM grid_pages WHERE sweep_id = @sweep", new { sweep }, write.Transaction);
        await write.Connection.ExecuteAsync("INSERT INTO grid_pages (sweep_id, page, file, sha256) VALUES (@sweep, @Page, @File, @Sha256)",
            pages.Select(p => new { sweep, p.Page, p.File, p.Sha256 }), write.Transaction);
        await write.Connection.ExecuteAsync("UPDATE sweeps SET grids_written = 1 WHERE sweep_id = @sweep", new { sweep }, write.Transaction);
    }

    /// <summary>Closes a sweep: completed (when it was running) and its closing event recorded.</summary>
    public Task CloseAsync(WriteContext write, Guid id, long closedEventId) =>
        write.Connection.ExecuteAsync(
            "UPDATE sweeps SET closed_event_id = @closedEventId, status = CASE WHEN status = @running THEN @completed ELSE status END WHERE sweep_id = @sweep",
            new { closedEventId, sweep = id.ToString(), running = StatusWords.SweepRunning, completed = StatusWords.SweepCompleted }, write.Transaction);

    /// <summary>Ids of the sweeps that hold <paramref name="key"/>.</summary>
    public async Task<IReadOnlyList<Guid>> HoldingAsync(WriteContext write, string key) =>
        (await write.Connection.QueryAsync<string>("SELECT DISTINCT sweep_id FROM points WHERE render_key = @key", new { key }, write.Transaction))
        .Select(Guid.Parse).ToArray();

    private static SweepCounts CountsOf(IEnumerable<(string Status, int Cells)> counts)
    {
        var by = counts.ToDictionary(c => c.Status, c => c.Cells, StringComparer.Ordinal);
        int Of(string status) => by.GetValueOrDefault(status);
        return new SweepCounts(Of(StatusWords.Queued), Of(StatusWords.Running), Of(StatusWords.Succeeded), Of(StatusWords.Failed),
            Of(StatusWords.Cancelled));
    }
}
