using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// The records of a running sweep and the files they point to. sweep.json is written whole when
/// the run begins (folding the previous run's journal into it) and when it ends; every render
/// finished in between is a line of sweep.journal, made durable per batch by <see cref="Flush"/>.
/// </summary>
internal sealed class SweepState : IDisposable
{
    private readonly string _directory;
    private readonly SweepPlan _plan;
    private readonly SweepRenderRecord[] _records;
    private readonly StyleTransfer _engine;
    private SweepJournal? _journal;

    private SweepState(string directory, SweepPlan plan, SweepRenderRecord[] records, StyleTransfer engine)
    {
        _directory = directory;
        _plan = plan;
        _records = records;
        _engine = engine;
    }

    public int Rendered { get; private set; }

    public IReadOnlyList<SweepRenderRecord> Records => _records;

    /// <summary>
    /// Writes sweep.json from <paramref name="records"/> (which hold everything the previous
    /// journal recorded), then starts an empty journal: the order matters, since a kill between
    /// the two leaves the old journal, which replays harmlessly over the new sweep.json.
    /// </summary>
    public static SweepState Begin(string directory, SweepPlan plan, SweepRenderRecord[] records, StyleTransfer engine)
    {
        var state = new SweepState(directory, plan, records, engine);
        state.WriteManifest([]);
        state._journal = SweepJournal.Start(directory);
        return state;
    }

    /// <summary>Records a rendered point whose image <paramref name="artifact"/> is written (at <see cref="SweepFiles.RenderImage"/>).</summary>
    public SweepRenderRecord Complete(SweepPoint point, RenderResult result, RenderArtifact artifact, double seconds, int batchSize)
    {
        var record = _records[point.Index];
        var done = Finish(point, record with
        {
            Status = RenderStatus.Succeeded,
            Error = null,
            ErrorCode = null,
            Final = result.Trace.Final,
            Seconds = seconds,
            BatchSize = batchSize,
            Image = SweepFiles.RenderImage(record.Key),
            ImageSha256 = artifact.ImageSha256,
        });
        Rendered++;
        return done;
    }

    /// <summary>Records the render failed; its image and snapshots were discarded by the executor.</summary>
    public SweepRenderRecord Fail(SweepPoint point, RenderError error) =>
        Finish(point, _records[point.Index] with
        {
            Status = RenderStatus.Failed, Error = error.Message, ErrorCode = error.Code, Image = null, ImageSha256 = null,
        });

    /// <summary>Records the render cancelled part way, with the losses where it stopped when it got that far.</summary>
    public SweepRenderRecord Cancel(SweepPoint point, RenderResult? stopped) =>
        Finish(point, _records[point.Index] with { Status = RenderStatus.Cancelled, Final = stopped?.Trace.Final ?? _records[point.Index].Final });

    /// <summary>Makes every render finished since the last call durable (one journal flush per batch).</summary>
    public void Flush() => _journal!.Flush();

    /// <summary>Gives every other point with the same key the rendered point's outcome, in its own grid position.</summary>
    public void CopyToDuplicates(SweepPoint rendered, IReadOnlyList<SweepPoint> sameKey)
    {
        var source = _records[rendered.Index];
        foreach (var point in sameKey.Where(p => p.Index != rendered.Index))
        {
            var own = _records[point.Index];
            _records[point.Index] = source with
            {
                Index = own.Index, Page = own.Page, Row = own.Row, Column = own.Column,
                Coordinates = own.Coordinates, Settings = own.Settings,
            };
        }
    }

    /// <summary>Writes sweep.json whole with the grids, then folds the journal away: it holds nothing sweep.json lacks.</summary>
    public SweepManifest End(IReadOnlyList<SweepGridRecord> grids)
    {
        var manifest = WriteManifest(grids);
        _journal!.Fold();
        return manifest;
    }

    /// <summary>
    /// On a failure path: sweep.json written with what is known (no grids) and the journal folded;
    /// if even that fails, the journal stays for the next run to replay.
    /// </summary>
    public void TryEnd()
    {
        try
        {
            End([]);
        }
        catch (Exception e) when (e is NeuralStyleException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The original failure is what the user needs to see.
        }
    }

    public void Dispose() => _journal?.Dispose();

    private SweepManifest WriteManifest(IReadOnlyList<SweepGridRecord> grids)
    {
        var manifest = new SweepManifest(_plan.Spec.Title, _records[0].WeightsSha256, _engine.ModelLoads,
            _engine.Targets.Computed, _engine.Targets.Reused, _records, grids);
        manifest.Write(_directory);
        return manifest;
    }

    /// <summary>Journals the record first: it becomes the render's state only once it is on its way to disk.</summary>
    private SweepRenderRecord Finish(SweepPoint point, SweepRenderRecord record)
    {
        _journal!.Append(record);
        return _records[point.Index] = record;
    }

    public SweepGridRecord WriteGrid(GridPage page, ISweepObserver? observer)
    {
        // The image is named by the key alone, never by a path read from a manifest; tiles are read one at a time.
        var onPage = _records.Where(r => r.Page == page.Index).ToArray();
        var cells = onPage.Select(r => SweepGridLayout.Cell(r.Row, r.Column, r.Key, r.Status, SweepRenderImages.PathOf(_directory, r.Key), r.Error)).ToArray();
        var grid = new SweepGridLayout(_plan.Spec.Title).Write(_directory, page, cells, onPage[0].Settings, onPage[0].WeightsSha256);
        observer?.OnGridWritten(grid);
        return grid;
    }
}
