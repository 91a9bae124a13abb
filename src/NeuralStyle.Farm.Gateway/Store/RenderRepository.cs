using Dapper;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>
/// Renders by key and their transitions. Every transition names the status (and, for worker
/// events, the attempt) it expects, so a late or repeated event changes nothing.
/// </summary>
internal sealed class RenderRepository(FarmDatabase database, TimeProvider time)
{
    private const string ClearedRun = "batch_id = NULL, worker = NULL, iteration = NULL, losses_json = NULL, seconds = NULL, batch_size = NULL";

    public Task<RenderRow?> GetAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<RenderRow>(
            "SELECT * FROM renders WHERE render_key = @key", new { key }), cancellationToken);

    public Task<RenderRow?> GetAsync(WriteContext write, string key) =>
        write.Connection.QuerySingleOrDefaultAsync<RenderRow>("SELECT * FROM renders WHERE render_key = @key", new { key }, write.Transaction);

    public Task InsertQueuedAsync(WriteContext write, string key, PortableRender render, string batchKey) =>
        write.Connection.ExecuteAsync(
            """
            INSERT INTO renders (render_key, render_json, batch_key, status, attempts, failures, total_iterations, created_ms)
            VALUES (@key, @json, @batchKey, @queued, 0, 0, @total, @now)
            """,
            new
            {
                key, json = FarmJson.Serialize(render), batchKey, queued = StatusWords.Queued,
                total = render.Settings.Iterations * Math.Max(1, render.Settings.Scales?.Count ?? 1), now = Now(),
            },
            write.Transaction);

    /// <summary>A failed or cancelled render asked for again: queued afresh (its attempt count goes on, so its old events stay stale).</summary>
    public Task RequeueFinishedAsync(WriteContext write, string key) =>
        write.Connection.ExecuteAsync(
            $"""
            UPDATE renders SET status = @queued, failures = 0, error_code = NULL, error = NULL, finished_ms = NULL, {ClearedRun}
            WHERE render_key = @key AND status IN (@failed, @cancelled)
            """,
            new { key, queued = StatusWords.Queued, failed = StatusWords.Failed, cancelled = StatusWords.Cancelled }, write.Transaction);

    /// <summary>The queued renders of a sweep that would go in one batch, the first by point order, up to <paramref name="maxBatch"/>.</summary>
    public async Task<IReadOnlyList<RenderRow>> NextBatchAsync(WriteContext write, string sweepId, int maxBatch)
    {
        var first = await write.Connection.QueryFirstOrDefaultAsync<RenderRow>(
            """
            SELECT r.* FROM points p JOIN renders r ON r.render_key = p.render_key
            WHERE p.sweep_id = @sweepId AND p.cancelled = 0 AND r.status = @queued
            ORDER BY p.point_index LIMIT 1
            """,
            new { sweepId, queued = StatusWords.Queued }, write.Transaction);
        if (first is null)
        {
            return [];
        }
        // One attempt number per batch message: only renders at the same attempt travel together.
        var companions = await write.Connection.QueryAsync<RenderRow>(
            """
            SELECT r.* FROM renders r
            JOIN (SELECT p.render_key, MIN(p.point_index) AS first_index FROM points p
                  WHERE p.sweep_id = @sweepId AND p.cancelled = 0 GROUP BY p.render_key) q ON q.render_key = r.render_key
            WHERE r.status = @queued AND r.batch_key = @batchKey AND r.attempts = @attempts AND r.render_key <> @key
            ORDER BY q.first_index LIMIT @limit
            """,
            new { sweepId, queued = StatusWords.Queued, batchKey = first.BatchKey, attempts = first.Attempts, key = first.RenderKey, limit = maxBatch - 1 },
            write.Transaction);
        return [first, .. companions];
    }

    /// <summary>Marks renders dispatched in batch <paramref name="batchId"/>: running, attempt counted up.</summary>
    public Task MarkDispatchedAsync(WriteContext write, IReadOnlyList<string> keys, Guid batchId) =>
        write.Connection.ExecuteAsync(
            $"UPDATE renders SET status = @running, attempts = attempts + 1, {ClearedRun.Replace("batch_id = NULL", "batch_id = @batch", StringComparison.Ordinal)} " +
            "WHERE render_key IN @keys AND status = @queued",
            new { keys, batch = batchId.ToString(), running = StatusWords.Running, queued = StatusWords.Queued }, write.Transaction);

    /// <summary>
    /// Running renders put back in the queue without counting a failure: all of them (a restart) or
    /// those of one worker (it vanished) or one batch (it could not be sent). Returns their keys.
    /// </summary>
    public async Task<IReadOnlyList<string>> RequeueRunningAsync(WriteContext write, string? worker = null, Guid? batchId = null)
    {
        var filter = worker is not null ? " AND worker = @worker" : batchId is not null ? " AND batch_id = @batch" : "";
        var parameters = new { worker, batch = batchId?.ToString(), running = StatusWords.Running, queued = StatusWords.Queued };
        var keys = (await write.Connection.QueryAsync<string>(
            "SELECT render_key FROM renders WHERE status = @running" + filter, parameters, write.Transaction)).ToArray();
        await write.Connection.ExecuteAsync(
            $"UPDATE renders SET status = @queued, {ClearedRun} WHERE status = @running" + filter, parameters, write.Transaction);
        return keys;
    }

    /// <summary>Records the worker of a running render's current attempt; false when the event is stale.</summary>
    public async Task<bool> StartedAsync(WriteContext write, RenderStarted started) =>
        await write.Connection.ExecuteAsync(
            "UPDATE renders SET worker = @Worker, iteration = 0 WHERE render_key = @Key AND status = @running AND attempts = @Attempt",
            new { started.Worker, started.Key, started.Attempt, running = StatusWords.Running }, write.Transaction) == 1;

    /// <summary>Records a running render's live iteration and losses (progress made durable at a bounded rate).</summary>
    public Task ProgressedAsync(WriteContext write, RenderProgressed progressed) =>
        write.Connection.ExecuteAsync(
            "UPDATE renders SET iteration = @iteration, losses_json = @losses WHERE render_key = @key AND status = @running",
            new { iteration = progressed.Iteration, losses = FarmJson.Serialize(progressed.Losses), key = progressed.Key, running = StatusWords.Running },
            write.Transaction);

    public Task SucceededAsync(WriteContext write, RenderCompleted completed) =>
        write.Connection.ExecuteAsync(
            """
            UPDATE renders SET status = @succeeded, worker = @Worker, result_sha256 = @ResultSha256, trace_sha256 = @TraceSha256,
                losses_json = @losses, seconds = @Seconds, batch_size = @BatchSize, iteration = @iteration,
                error_code = NULL, error = NULL, finished_ms = @now
            WHERE render_key = @Key
            """,
            new
            {
                succeeded = StatusWords.Succeeded, completed.Worker, completed.ResultSha256, completed.TraceSha256,
                losses = FarmJson.Serialize(completed.Losses), completed.Seconds, completed.BatchSize,
                iteration = completed.Iteration > 0 ? completed.Iteration : (int?)null, now = Now(), completed.Key,
            },
            write.Transaction);

    /// <summary>Ends (or re-queues, when <paramref name="status"/> is queued) a render after a failed attempt.</summary>
    public Task FailedAsync(WriteContext write, RenderFailed failed, string status, int failures) =>
        write.Connection.ExecuteAsync(
            $"""
            UPDATE renders SET status = @status, failures = @failures, error_code = @ErrorCode, error = @Message,
                finished_ms = @finished, {(status == StatusWords.Queued ? ClearedRun : "worker = @Worker")}
            WHERE render_key = @Key
            """,
            new
            {
                status, failures, failed.ErrorCode, failed.Message, failed.Worker, failed.Key,
                finished = status == StatusWords.Queued ? (long?)null : Now(),
            },
            write.Transaction);

    /// <summary>Cancels the renders among <paramref name="keys"/> that are not finished; returns those it cancelled.</summary>
    public async Task<IReadOnlyList<RenderRow>> CancelAsync(WriteContext write, IReadOnlyList<string> keys)
    {
        var parameters = new
        {
            keys, queued = StatusWords.Queued, running = StatusWords.Running, cancelled = StatusWords.Cancelled,
            code = "cancelled", message = "cancelled on request", now = Now(),
        };
        var open = (await write.Connection.QueryAsync<RenderRow>(
            "SELECT * FROM renders WHERE render_key IN @keys AND status IN (@queued, @running)", parameters, write.Transaction)).ToArray();
        await write.Connection.ExecuteAsync(
            """
            UPDATE renders SET status = @cancelled, error_code = @code, error = @message, finished_ms = @now
            WHERE render_key IN @keys AND status IN (@queued, @running)
            """,
            parameters, write.Transaction);
        return open;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
