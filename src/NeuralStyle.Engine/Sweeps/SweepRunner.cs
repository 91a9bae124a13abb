using System.Diagnostics;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Renders a sweep plan into a directory on one engine: skips renders already done there (same
/// key, image present), renders each distinct key once, batches compatible renders, keeps going
/// past a failed render, rewrites sweep.json after every batch, and lays out the grid pages.
/// </summary>
public sealed class SweepRunner(StyleTransfer engine, int batchSize)
{
    /// <summary>Runs <paramref name="plan"/> into <paramref name="directory"/>.</summary>
    public SweepOutcome Run(SweepPlan plan, string directory, ISweepObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = new SweepInputs(plan);
        CreateDirectory(Path.Combine(directory, SweepFiles.RendersFolder));
        // First wins: two records with one key describe the same render.
        var previous = new Dictionary<string, SweepRenderRecord>();
        foreach (var record in SweepManifest.TryRead(directory)?.Renders ?? [])
        {
            previous.TryAdd(record.Key, record);
        }
        var records = plan.Points.Select(point =>
        {
            var key = inputs.KeyOf(point);
            return previous.TryGetValue(key, out var done) && done.Status == RenderStatus.Done
                && done.Image is not null && File.Exists(Path.Combine(directory, done.Image))
                ? done with { Index = point.Index, Page = point.Page, Row = point.Row, Column = point.Column, Coordinates = inputs.Pending(point, key).Coordinates }
                : inputs.Pending(point, key);
        }).ToArray();
        var reused = records.Count(r => r.Status == RenderStatus.Done);
        observer?.OnPlanned(plan, reused);

        var state = new SweepState(directory, plan, records, engine);
        // Points that share a key (the same value written twice, a device axis) are rendered once.
        var todo = plan.Points.Where(p => records[p.Index].Status != RenderStatus.Done)
            .GroupBy(p => records[p.Index].Key).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var model in todo.Values.Select(g => g[0]).GroupBy(p => (p.Request.Settings.Weights, p.Request.Settings.Device)))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            // Deep enough for every batch that follows on this weights file and device: one load.
            engine.Prepare(model.Select(p => p.Request.Settings));
            foreach (var batch in Batches(model))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                RenderBatch(batch, state, observer, cancellationToken);
                foreach (var point in batch)
                {
                    state.CopyToDuplicates(point, todo[records[point.Index].Key]);
                }
                state.WriteManifest([]);
            }
        }
        var grids = plan.Pages.Select(page => state.WriteGrid(page, observer)).ToArray();
        var manifest = state.WriteManifest(grids);
        return new SweepOutcome(manifest, state.Rendered, reused, records.Count(r => r.Status == RenderStatus.Failed),
            cancellationToken.IsCancellationRequested);
    }

    private IEnumerable<IReadOnlyList<SweepPoint>> Batches(IEnumerable<SweepPoint> points) =>
        points.GroupBy(p => BatchCompatibility.KeyOf(p.Request))
            .SelectMany(group => group.Chunk(Math.Max(1, batchSize)));

    private void RenderBatch(IReadOnlyList<SweepPoint> batch, SweepState state, ISweepObserver? observer,
        CancellationToken cancellationToken)
    {
        observer?.OnBatchStarted(batch);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RenderResult> results;
        try
        {
            results = engine.RenderBatch(batch.Select(p => p.Request).ToArray(), (b, progress) =>
            {
                state.WriteSnapshot(batch[b], progress);
                observer?.OnIteration(batch[b], progress);
            }, cancellationToken);
        }
        catch (NeuralStyleException) when (batch.Count > 1)
        {
            // One bad render must not fail its neighbours: retry each on its own.
            foreach (var point in batch)
            {
                RenderBatch([point], state, observer, cancellationToken);
            }
            return;
        }
        catch (NeuralStyleException e)
        {
            var failed = state.Fail(batch[0], e.Message);
            observer?.OnRenderFinished(batch[0], failed);
            return;
        }
        for (var b = 0; b < batch.Count; b++)
        {
            SweepRenderRecord record;
            try
            {
                record = state.Complete(batch[b], results[b], clock.Elapsed.TotalSeconds, batch.Count);
            }
            catch (NeuralStyleException e)
            {
                // A render that could not be written is failed; its neighbours are still written.
                record = state.Fail(batch[b], e.Message);
            }
            observer?.OnRenderFinished(batch[b], record);
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
