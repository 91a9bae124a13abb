using NeuralStyle.Engine;
using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// Turns one batch's reports into farm events: RenderStarted, RenderProgressed (at most once per
/// <see cref="WorkerOptions.ProgressInterval"/> per render, always the last iteration, with a preview
/// every <see cref="WorkerOptions.PreviewEvery"/> iterations), RenderCompleted and RenderFailed
/// (<c>cancelled</c> for a cancelled render). Job ids are render keys.
/// </summary>
internal sealed class WorkerRenderSink(FarmWorker worker, WorkerOptions options, string scratchDirectory,
    RenderBatch batch, RunningBatch running, WorkerEvents events, WorkerInstruments instruments, TimeProvider time) : IRenderSink
{
    // Touched only on the render thread (progress); other calls never read it.
    private readonly Dictionary<string, Throttle> _throttles = new(StringComparer.Ordinal);
    private string? _leader;

    public void OnStarted(IReadOnlyList<RenderJob> jobs)
    {
        _leader = jobs[0].Id;
        foreach (var job in jobs)
        {
            events.Post(new RenderStarted(job.Id, batch.BatchId, worker.Name, batch.Attempt));
        }
    }

    public void OnProgress(RenderJob job, RenderProgress progress)
    {
        if (job.Id == _leader)
        {
            // One optimiser step per iteration of the batch, whatever its size.
            worker.Rate.Step();
        }
        var throttle = _throttles.TryGetValue(job.Id, out var known) ? known : _throttles[job.Id] = new Throttle();
        if (progress.CurrentImage is { } image && options.PreviewEvery > 0
            && (progress.Iteration % options.PreviewEvery == 0 || progress.Iteration == progress.TotalIterations))
        {
            // Kept until the next event that goes out: a preview never bypasses the throttle.
            throttle.Preview = image;
        }
        var now = time.GetTimestamp();
        var last = progress.Iteration == progress.TotalIterations;
        if (!last && throttle.Published is { } before && time.GetElapsedTime(before, now) < options.ProgressInterval)
        {
            return;
        }
        var losses = progress.Losses;
        var seconds = losses.Seconds - throttle.Seconds;
        var rate = seconds > 0 ? (progress.Iteration - throttle.Iteration) / seconds : 0;
        var preview = throttle.Preview is { } pending ? PreviewPng.Encode(pending, scratchDirectory) : null;
        (throttle.Published, throttle.Iteration, throttle.Seconds, throttle.Preview) = (now, progress.Iteration, losses.Seconds, null);
        events.Post(new RenderProgressed(job.Id, progress.Iteration, Losses(losses), rate, preview, progress.TotalIterations));
        instruments.OnProgressPublished(preview is not null);
    }

    public void OnSucceeded(RenderOutcome outcome)
    {
        var result = outcome.Result!;
        events.Post(new RenderCompleted(outcome.Job.Id, outcome.Artifact!.ImageSha256, Losses(result.Trace.Final), outcome.Seconds,
            worker.Name, batch.Attempt, outcome.Artifact.Trace, result.Trace.Final.Iteration, outcome.BatchSize));
        instruments.OnRenderFinished("succeeded");
    }

    public void OnFailed(RenderOutcome outcome) => Failed(outcome.Job.Id, outcome.Error!);

    /// <summary>
    /// A render stopped by a cancel request fails <c>cancelled</c>. One stopped because the process
    /// is shutting down reports nothing: it was not cancelled, and the gateway queues it again.
    /// </summary>
    public void OnCancelled(RenderOutcome outcome) => Cancelled(outcome.Job.Id, outcome.Result);

    /// <inheritdoc cref="OnCancelled"/>
    public void Cancelled(string key, RenderResult? stopped)
    {
        if (!running.CancelledByRequest)
        {
            return;
        }
        Failed(key, RenderError.Of(ErrorCode.Cancelled, stopped is not null
            ? $"cancelled at iteration {stopped.Trace.Final.Iteration} of {stopped.Trace.Settings.EffectiveScales.Count * stopped.Trace.Settings.Iterations}"
            : "cancelled before it started"));
    }

    /// <summary>Publishes <paramref name="error"/> for <paramref name="key"/>: also for renders that never reached the executor.</summary>
    public void Failed(string key, RenderError error)
    {
        events.Post(new RenderFailed(key, error.Code, error.Message, error.Retryable, batch.Attempt, worker.Name));
        instruments.OnRenderFinished(error.Code);
    }

    private static RenderLosses Losses(IterationLosses losses) => new(losses.Total, losses.Content, losses.Style, losses.Tv);

    /// <summary>What was last sent for one render, and the preview waiting to go with the next event.</summary>
    private sealed class Throttle
    {
        public long? Published { get; set; }

        public int Iteration { get; set; }

        public double Seconds { get; set; }

        public RgbImage? Preview { get; set; }
    }
}
