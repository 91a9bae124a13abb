using System.Diagnostics;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>One <see cref="RenderExecutor.RunAsync"/> call: the batch, its retries and every job's outcome.</summary>
internal sealed class BatchExecution(StyleTransfer engine, RenderThread thread, RenderExecutorOptions options,
    IReadOnlyList<RenderJob> jobs, IRenderArtifacts artifacts, IRenderSink sink, CancellationToken cancellationToken)
{
    private readonly RenderOutcome?[] _outcomes = new RenderOutcome?[jobs.Count];

    public async Task<IReadOnlyList<RenderOutcome>> RunAsync()
    {
        await RenderAsync([.. Enumerable.Range(0, jobs.Count)]).ConfigureAwait(false);
        // Jobs a cancellation kept from their solo retry.
        return CancelAll();
    }

    /// <summary>Every job without an outcome yet is cancelled before it started; returns all outcomes.</summary>
    public IReadOnlyList<RenderOutcome> CancelAll()
    {
        for (var i = 0; i < jobs.Count; i++)
        {
            if (_outcomes[i] is null)
            {
                Cancelled(i, new RenderOutcome(jobs[i], RenderOutcomeStatus.Cancelled));
            }
        }
        return _outcomes!;
    }

    /// <summary>
    /// Renders <paramref name="group"/> together. Whatever fails the optimisation (the engine, a
    /// snapshot write, the sink) is retried one job at a time when the group has several, and fails
    /// the job when it is alone.
    /// </summary>
    private async Task RenderAsync(int[] group)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RenderResult> results;
        try
        {
            sink.OnStarted([.. group.Select(i => jobs[i])]);
            results = await thread.RunAsync(() => Render(group)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var i in group)
            {
                Cancelled(i, Outcome(i, RenderOutcomeStatus.Cancelled, clock, group.Length));
            }
            return;
        }
        catch (Exception) when (group.Length > 1)
        {
            foreach (var i in group.TakeWhile(_ => !cancellationToken.IsCancellationRequested))
            {
                await RenderAsync([i]).ConfigureAwait(false);
            }
            return;
        }
        catch (Exception e)
        {
            await FailAsync(group[0], Outcome(group[0], RenderOutcomeStatus.Failed, clock, 1), e).ConfigureAwait(false);
            return;
        }
        for (var b = 0; b < group.Length; b++)
        {
            await FinishAsync(group[b], results[b], clock, group.Length).ConfigureAwait(false);
        }
    }

    /// <summary>On the render thread: the engine's batch, snapshots written as they come.</summary>
    private IReadOnlyList<RenderResult> Render(int[] group)
    {
        var first = jobs[group[0]];
        var start = first.StartImagePath is null && first.StartIteration == 0
            ? null
            : new RenderStartPoint([.. group.Select(i => jobs[i].StartImagePath ?? throw new InvalidSettingException(
                "start_iteration", $"{first.StartIteration} needs the image to start from"))], first.StartIteration);
        return engine.RenderBatch([.. group.Select(i => jobs[i].Request)], start, options.ImageEvery, (b, progress) =>
        {
            var job = jobs[group[b]];
            if (RenderSnapshots.Due(job.Request.Settings, progress))
            {
                // The render thread waits: a snapshot that cannot be written fails its render, as any write does.
                artifacts.WriteSnapshotAsync(job, progress, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            sink.OnProgress(job, progress);
        }, cancellationToken);
    }

    /// <summary>Writes one job's result and reports it; a failure here fails that job alone.</summary>
    private async Task FinishAsync(int i, RenderResult result, Stopwatch clock, int batchSize)
    {
        var job = jobs[i];
        if (result.Cancelled && !options.KeepCancelledRenders)
        {
            Cancelled(i, Outcome(i, RenderOutcomeStatus.Cancelled, clock, batchSize) with { Result = result });
            return;
        }
        RenderArtifact artifact;
        try
        {
            artifact = await artifacts.WriteResultAsync(job, result, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled(i, Outcome(i, RenderOutcomeStatus.Cancelled, clock, batchSize) with { Result = result });
            return;
        }
        catch (Exception e)
        {
            await FailAsync(i, Outcome(i, RenderOutcomeStatus.Failed, clock, batchSize), e).ConfigureAwait(false);
            return;
        }
        var status = result.Cancelled ? RenderOutcomeStatus.Cancelled : RenderOutcomeStatus.Succeeded;
        var outcome = Outcome(i, status, clock, batchSize) with { Result = result, Artifact = artifact };
        if (result.Cancelled)
        {
            Cancelled(i, outcome);
            return;
        }
        _outcomes[i] = outcome;
        try
        {
            sink.OnSucceeded(outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted while reporting: the render itself is done and written.
        }
        catch (Exception e)
        {
            // A render that could not be reported is failed; its neighbours are still written.
            await FailAsync(i, outcome with { Status = RenderOutcomeStatus.Failed, Result = null, Artifact = null }, e).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(int i, RenderOutcome failed, Exception exception)
    {
        try
        {
            await artifacts.DiscardAsync(failed.Job, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Trace.TraceWarning($"could not discard what render {failed.Job.Id} wrote: {e.Message}");
        }
        var outcome = failed with { Error = Classify(exception), Exception = exception };
        _outcomes[i] = outcome;
        Report(outcome, sink.OnFailed);
    }

    private void Cancelled(int i, RenderOutcome outcome)
    {
        _outcomes[i] = outcome;
        Report(outcome, sink.OnCancelled);
    }

    /// <summary>
    /// A cancellation that did not come from the executor's own token (a sink's timeout, say) is a
    /// failure nobody asked for, so it is <c>unexpected</c>, not <c>cancelled</c>.
    /// </summary>
    private static RenderError Classify(Exception exception) => exception is OperationCanceledException
        ? RenderError.Of(ErrorCode.Unexpected, $"unexpected {exception.GetType().Name}: {exception.Message}")
        : RenderError.From(exception);

    /// <summary>The outcome is final, so a sink that throws here has nothing left to fail: its exception is dropped.</summary>
    private static void Report(RenderOutcome outcome, Action<RenderOutcome> report)
    {
        try
        {
            report(outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Trace.TraceWarning($"render sink failed on render {outcome.Job.Id}: {e.Message}");
        }
    }

    private RenderOutcome Outcome(int i, RenderOutcomeStatus status, Stopwatch clock, int batchSize) =>
        new(jobs[i], status) { Started = true, Seconds = clock.Elapsed.TotalSeconds, BatchSize = batchSize };
}
