using System.Diagnostics;
using NeuralStyle.Engine.Execution;
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
            var sink = new SweepRenderSink(plan, state, observer);
            // A failed render removes its image even when an interrupted run left it; never a finished one's.
            var artifacts = new DirectoryRenderArtifacts(
                job => new RenderFiles(SweepRenderImages.PathOf(directory, state.Records[sink.PointOf(job).Index].Key)),
                removesUnownedResults: true,
                keep: records.Where(r => r.Status == RenderStatus.Succeeded).Select(r => SweepRenderImages.PathOf(directory, r.Key)));
            using var executor = new RenderExecutor(engine);
            RenderAll(plan, inputs, new SweepRun(state, sink, artifacts, executor), cancellationToken);
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

    private void RenderAll(SweepPlan plan, SweepInputs inputs, SweepRun run, CancellationToken cancellationToken)
    {
        var records = run.State.Records;
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
            foreach (var batch in Prepare(model.ToArray(), run) ? Batches(model, inputs) : [])
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                // Failures, retries and write isolation are the executor's: it reports each render's outcome to the sink.
                run.Executor.RunAsync([.. batch.Select(run.Sink.JobOf)], run.Artifacts, run.Sink, cancellationToken)
                    .GetAwaiter().GetResult();
                foreach (var point in batch)
                {
                    run.State.CopyToDuplicates(point, todo[(records[point.Index].Key, point.Request.Settings.Device)]);
                }
                run.State.Flush();
            }
        }
    }

    /// <summary>
    /// Loads the model deep enough for every batch on this weights file and device (one load).
    /// When it cannot be loaded (a device this machine lacks), each of those renders fails and
    /// the sweep goes on with the others.
    /// </summary>
    private bool Prepare(IReadOnlyList<SweepPoint> model, SweepRun run)
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
                Failed(point, run, RenderError.From(e));
            }
            run.State.Flush();
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
    /// Records a render failed before it reached the executor, removing what it left, and tells
    /// the observer. The record is already final, so an observer that throws here has nothing
    /// left to fail: its exception is dropped rather than stopping the sweep.
    /// </summary>
    private static void Failed(SweepPoint point, SweepRun run, RenderError error)
    {
        run.Artifacts.DiscardAsync(run.Sink.JobOf(point), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        try
        {
            run.Sink.Failed(point, error);
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
