using System.Diagnostics;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Renders a sweep plan into a directory on one engine: holds the directory's lock for the run,
/// skips renders already done there (same key, image intact), renders each distinct key once per
/// device, batches compatible renders, keeps going past any failed render, journals progress per
/// batch, and lays out the grid pages.
/// </summary>
public sealed class SweepRunner(StyleTransfer engine, int batchSize)
{
    /// <summary>Runs <paramref name="plan"/> into <paramref name="directory"/>.</summary>
    public SweepOutcome Run(SweepPlan plan, string directory, ISweepObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = new SweepInputs(plan);
        inputs.RequireMemory(plan, engine);
        CreateDirectory(Path.Combine(directory, SweepFiles.RendersFolder));
        using var directoryLock = SweepDirectoryLock.Acquire(directory);
        var finished = FinishedRenders.Read(directory, plan.Points.Count);
        var records = plan.Points.Select(point =>
        {
            var pending = inputs.Pending(point, inputs.KeyOf(point));
            return finished.Reuse(pending) ?? pending;
        }).ToArray();
        var reused = records.Count(r => r.Status == RenderStatus.Succeeded);
        observer?.OnPlanned(plan, reused);

        using var state = SweepState.Begin(directory, plan, records, engine);
        try
        {
            RenderAll(plan, inputs, state, observer, cancellationToken);
            var (grids, gridErrors) = WriteGrids(plan, state, observer);
            var manifest = state.End(grids);
            return new SweepOutcome(manifest, state.Rendered, reused, state.Records.Count(r => r.Status == RenderStatus.Failed),
                cancellationToken.IsCancellationRequested) { GridErrors = gridErrors };
        }
        catch
        {
            state.TryEnd();
            throw;
        }
    }

    /// <summary>Every page it can: a page that cannot be written (a disk error, say) is reported and the others are still written.</summary>
    private static (SweepGridRecord[] Grids, string[] Errors) WriteGrids(SweepPlan plan, SweepState state, ISweepObserver? observer)
    {
        var grids = new List<SweepGridRecord>();
        var errors = new List<string>();
        foreach (var page in plan.Pages)
        {
            try
            {
                grids.Add(state.WriteGrid(page, observer));
            }
            catch (NeuralStyleException e)
            {
                errors.Add($"{SweepFiles.Grid(page)}: {e.Message}");
            }
        }
        return ([.. grids], [.. errors]);
    }

    private void RenderAll(SweepPlan plan, SweepInputs inputs, SweepState state, ISweepObserver? observer, CancellationToken cancellationToken)
    {
        var records = state.Records;
        // Points that share a key (the same value written twice) are rendered once; on another
        // device they are rendered there too, so a device axis tries every device it names.
        var todo = plan.Points.Where(p => records[p.Index].Status != RenderStatus.Succeeded)
            .GroupBy(p => (records[p.Index].Key, p.Request.Settings.Device)).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var model in todo.Values.Select(g => g[0]).GroupBy(p => (p.Request.Settings.Weights, p.Request.Settings.Device)))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            foreach (var batch in Prepare(model.ToArray(), state, observer) ? Batches(model, inputs) : [])
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                RenderBatch(batch, state, observer, cancellationToken);
                foreach (var point in batch)
                {
                    state.CopyToDuplicates(point, todo[(records[point.Index].Key, point.Request.Settings.Device)]);
                }
                state.Flush();
            }
        }
    }

    /// <summary>
    /// Loads the model deep enough for every batch on this weights file and device (one load).
    /// When it cannot be loaded (a device this machine lacks), each of those renders fails and
    /// the sweep goes on with the others.
    /// </summary>
    private bool Prepare(IReadOnlyList<SweepPoint> model, SweepState state, ISweepObserver? observer)
    {
        try
        {
            engine.Prepare(model.Select(p => p.Request.Settings));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var point in model)
            {
                Failed(point, state, observer, e);
            }
            state.Flush();
            return false;
        }
    }

    /// <summary>Compatible renders together, as many as --batch-size allows and the device's memory holds.</summary>
    private IEnumerable<IReadOnlyList<SweepPoint>> Batches(IEnumerable<SweepPoint> points, SweepInputs inputs) =>
        points.GroupBy(p => BatchCompatibility.KeyOf(p.Request))
            .SelectMany(group => group.Chunk(BatchSizeFor(group.First(), inputs)));

    private int BatchSizeFor(SweepPoint point, SweepInputs inputs)
    {
        var size = Math.Max(1, batchSize);
        while (size > 1 && !engine.Fits(inputs.MemoryOf(point, size), point.Request.Settings.Device))
        {
            size--;
        }
        return size;
    }

    /// <summary>
    /// Renders a batch and writes its images. Any exception from a render, its snapshots or the
    /// observer fails that render only: a failed batch is retried one render at a time, so one
    /// bad render never fails its neighbours. Interruption is not a failure: the renders are
    /// recorded interrupted and the sweep stops.
    /// </summary>
    private void RenderBatch(IReadOnlyList<SweepPoint> batch, SweepState state, ISweepObserver? observer,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RenderResult> results;
        try
        {
            observer?.OnBatchStarted(batch);
            results = engine.RenderBatch(batch.Select(p => p.Request).ToArray(), (b, progress) =>
            {
                state.WriteSnapshot(batch[b], progress);
                observer?.OnIteration(batch[b], progress);
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var point in batch)
            {
                Notify(observer, point, state.Cancel(point));
            }
            return;
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var point in batch.TakeWhile(_ => !cancellationToken.IsCancellationRequested))
            {
                RenderBatch([point], state, observer, cancellationToken);
            }
            return;
        }
        catch (Exception e)
        {
            Failed(batch[0], state, observer, e);
            return;
        }
        for (var b = 0; b < batch.Count; b++)
        {
            try
            {
                var record = state.Complete(batch[b], results[b], clock.Elapsed.TotalSeconds, batch.Count);
                observer?.OnRenderFinished(batch[b], record);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Interrupted while reporting: the render itself is recorded; the sweep stops at the next batch.
            }
            catch (Exception e)
            {
                // A render that could not be written (or reported) is failed; its neighbours are still written.
                Failed(batch[b], state, observer, e);
            }
        }
    }

    /// <summary>
    /// Records a render failed. A cancellation that did not come from the sweep's own token (an
    /// observer's timeout, say) is a failure nobody asked for, so it is <c>unexpected</c>, not <c>cancelled</c>.
    /// </summary>
    private static void Failed(SweepPoint point, SweepState state, ISweepObserver? observer, Exception error) =>
        Notify(observer, point, state.Fail(point, error is OperationCanceledException
            ? RenderError.Of(ErrorCode.Unexpected, $"unexpected {error.GetType().Name}: {error.Message}")
            : RenderError.From(error)));

    /// <summary>
    /// Reports a failed or interrupted render. The record is already final, so an observer that
    /// throws here has nothing left to fail: its exception is dropped rather than stopping the sweep.
    /// </summary>
    private static void Notify(ISweepObserver? observer, SweepPoint point, SweepRenderRecord record)
    {
        try
        {
            observer?.OnRenderFinished(point, record);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Trace.TraceWarning($"sweep observer failed on render {point.Index}: {e.Message}");
        }
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot create the sweep directory '{path}': {e.Message}", e);
        }
    }
}
