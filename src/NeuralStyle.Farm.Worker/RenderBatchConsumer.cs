using MassTransit;
using Microsoft.Extensions.Logging;
using NeuralStyle.Engine;
using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Farm;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// Renders a <see cref="RenderBatch"/> on a free worker of this process: fetches each render's
/// inputs from the blob store, runs the engine's executor, and publishes every render's events.
/// A render that fails (bad input, a diverged optimisation, a lost device) is a
/// <see cref="RenderFailed"/> event, never an exception: the gateway decides on retries. Only an
/// infrastructure failure (the broker down while publishing) escapes.
/// </summary>
internal sealed partial class RenderBatchConsumer(WorkerPool pool, CancelledRenders cancelled, IBlobStore blobs, WorkerOptions options,
    WorkerScratch scratch, WorkerInstruments instruments, TimeProvider time, ILogger<RenderBatchConsumer> logger) : IConsumer<RenderBatch>
{
    public async Task Consume(ConsumeContext<RenderBatch> context)
    {
        var batch = context.Message;
        if (batch.Problems() is { Count: > 0 } problems)
        {
            await RefuseAsync(context, batch, problems).ConfigureAwait(false);
            return;
        }
        var worker = await pool.RentAsync(context.CancellationToken).ConfigureAwait(false);
        try
        {
            await RenderAsync(context, batch, worker).ConfigureAwait(false);
        }
        finally
        {
            worker.Running = [];
            worker.RefreshEngineState();
            pool.Return(worker);
            pool.OnChanged(worker);
        }
    }

    private async Task RenderAsync(ConsumeContext<RenderBatch> context, RenderBatch batch, FarmWorker worker)
    {
        // The same render twice in a batch is rendered once: events are keyed by render.
        var renders = batch.Renders.DistinctBy(r => r.Key()).ToArray();
        var keys = renders.Select(r => r.Key()).ToArray();
        instruments.OnBatchStarted();
        LogBatchStarted(worker.Name, batch.BatchId, keys.Length, batch.Attempt);
        worker.Running = keys;
        pool.OnChanged(worker);
        var events = new WorkerEvents(context);
        using var running = cancelled.Register(keys, context.CancellationToken);
        var sink = new WorkerRenderSink(worker, options, scratch.Path, batch, running, events, instruments, time);
        var jobs = new List<RenderJob>();
        foreach (var render in renders)
        {
            if (await JobOfAsync(render, sink, running.Token).ConfigureAwait(false) is { } job)
            {
                jobs.Add(job);
            }
        }
        IReadOnlyList<RenderOutcome> outcomes = [];
        if (jobs.Count > 0)
        {
            outcomes = await worker.Executor.RunAsync(jobs, new BlobRenderArtifacts(blobs, scratch.Path), sink, running.Token)
                .ConfigureAwait(false);
        }
        await events.CompleteAsync().ConfigureAwait(false);
        LogBatchFinished(worker.Name, batch.BatchId, outcomes.Count(o => o.Status == RenderOutcomeStatus.Succeeded), keys.Length);
        if (running.Token.IsCancellationRequested && !running.CancelledByRequest)
        {
            // The process is stopping, not the renders cancelled: the message is not done (a broker redelivers it).
            throw new OperationCanceledException("the worker stopped before the batch finished", running.Token);
        }
    }

    /// <summary>The executor's job for <paramref name="render"/>, its inputs fetched; null (and RenderFailed published) when that fails.</summary>
    private async Task<RenderJob?> JobOfAsync(PortableRender render, WorkerRenderSink sink, CancellationToken cancellationToken)
    {
        var key = render.Key();
        try
        {
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sha256 in render.InputSha256s())
            {
                paths[sha256] = await blobs.LocalPathAsync(sha256, cancellationToken).ConfigureAwait(false);
            }
            return new RenderJob(key, PortableRenders.ToRequest(render, sha => paths[sha], options.Device));
        }
        catch (BlobNotFoundException e)
        {
            sink.Failed(key, RenderError.Of(ErrorCode.InputUnusable, e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            sink.Cancelled(key, null);
        }
        catch (Exception e)
        {
            sink.Failed(key, RenderError.From(e));
        }
        return null;
    }

    /// <summary>A malformed batch: every render whose key can be computed fails invalid_setting, saying what is wrong.</summary>
    private async Task RefuseAsync(ConsumeContext<RenderBatch> context, RenderBatch batch, IReadOnlyList<ContractProblem> problems)
    {
        var message = "the batch is malformed: " + string.Join("; ", problems.Select(p => $"{p.Field} {p.Message}"));
        LogBatchRefused(batch.BatchId, message);
        foreach (var render in batch.Renders ?? [])
        {
            if (render is not null && render.Problems().Count == 0)
            {
                await context.Publish(new RenderFailed(render.Key(), ErrorCatalog.Of(ErrorCode.InvalidSetting).Name, message, false,
                    batch.Attempt, options.NamePrefix)).ConfigureAwait(false);
                instruments.OnRenderFinished(ErrorCatalog.Of(ErrorCode.InvalidSetting).Name);
            }
        }
    }
}
