using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>
/// Runs render batches on one engine, the same way for every host (nsf render, a sweep, a farm
/// worker): on its own long-lived thread, cancellable within one iteration, reporting to an
/// <see cref="IRenderSink"/> and writing through an <see cref="IRenderArtifacts"/> store.
/// </summary>
/// <remarks>
/// <para>A batch that fails is retried one job at a time, so one bad render never fails its
/// neighbours; each job's result is written on its own, so one write failure fails only that job;
/// a failed job's snapshots and result are discarded. Cancellation through the token is not a
/// failure: the jobs end <see cref="RenderOutcomeStatus.Cancelled"/>. Any other cancellation (a
/// sink's own timeout) is a failure nobody asked for: <c>unexpected</c>.</para>
/// <para>Thread-safety: <see cref="RunAsync"/> may be called from any thread; calls run one after
/// another (the engine is not thread-safe). The engine is the caller's: it must not be used
/// elsewhere while a call runs, and it outlives the executor.</para>
/// </remarks>
public sealed class RenderExecutor : IDisposable
{
    private readonly StyleTransfer _engine;
    private readonly RenderExecutorOptions _options;
    private readonly RenderThread _thread;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>An executor of <paramref name="engine"/>'s renders.</summary>
    public RenderExecutor(StyleTransfer engine, RenderExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _options = options ?? new RenderExecutorOptions();
        _thread = new RenderThread(_options.ThreadName, _options.OnRenderThreadStart);
    }

    /// <summary>The engine it renders on.</summary>
    public StyleTransfer Engine => _engine;

    /// <summary>
    /// Renders <paramref name="batch"/> (jobs the engine can optimise together: <see cref="BatchCompatibility"/>;
    /// incompatible ones end up rendered one at a time) and returns one outcome per job, in order,
    /// each also reported to <paramref name="sink"/>. Render failures are outcomes, never exceptions;
    /// only a sink that throws <see cref="OperationCanceledException"/> from <see cref="IRenderSink.OnFailed"/>
    /// or <see cref="IRenderSink.OnCancelled"/> ends the call with it.
    /// </summary>
    /// <exception cref="ArgumentException">An empty batch, or jobs that do not all resume at the same iteration.</exception>
    public async Task<IReadOnlyList<RenderOutcome>> RunAsync(IReadOnlyList<RenderJob> batch, IRenderArtifacts artifacts,
        IRenderSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(sink);
        if (batch.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one job", nameof(batch));
        }
        if (batch.Any(j => j.StartIteration != batch[0].StartIteration || (j.StartImagePath is null) != (batch[0].StartImagePath is null)))
        {
            throw new ArgumentException("every job of a batch resumes at the same iteration, each from its own image", nameof(batch));
        }
        var run = new BatchExecution(_engine, _thread, _options, batch, artifacts, sink, cancellationToken);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return run.CancelAll();
        }
        try
        {
            return await run.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the render thread once its work is done. The engine stays the caller's.</summary>
    public void Dispose()
    {
        _thread.Dispose();
        _gate.Dispose();
    }
}
