using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Grids;

namespace NeuralStyle.Farm.Gateway.Export;

/// <summary>
/// What an export of a sweep writes, before it is written: the plan, one sweep.json record per cell
/// (the schema of <see cref="SweepManifest"/>, the farm's status words) and the result blob of each
/// succeeded render by key. A file's name comes only from a well-formed key
/// (<see cref="SweepFiles.RenderImage"/>) or from <see cref="SweepFiles"/>, never from user text as is.
/// </summary>
internal sealed class SweepExport
{
    private readonly SweepDocument _sweep;

    private SweepExport(SweepDocument sweep, PlannedSweep planned, SweepRenderRecord[] records, IReadOnlyDictionary<string, string> results)
    {
        _sweep = sweep;
        Planned = planned;
        Records = records;
        Results = results;
    }

    public PlannedSweep Planned { get; }

    public IReadOnlyList<SweepRenderRecord> Records { get; }

    /// <summary>The local file of each succeeded render's result blob, by key.</summary>
    public IReadOnlyDictionary<string, string> Results { get; }

    public static async Task<SweepExport> PrepareAsync(SweepDocument sweep, IBlobStore blobs, CancellationToken ct)
    {
        if (sweep.Cells.FirstOrDefault(c => !RenderKey.IsWellFormed(c.Key)) is { } malformed)
        {
            throw new InvalidOperationException($"sweep {sweep.Id}: cell {malformed.Index} has no well-formed render key");
        }
        var planned = await PlannedSweep.PlanAsync(sweep, blobs, ct).ConfigureAwait(false);
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        var records = new SweepRenderRecord[sweep.Cells.Count];
        foreach (var cell in sweep.Cells)
        {
            ct.ThrowIfCancellationRequested();
            var status = GridComposer.StatusOf(cell.Status);
            var result = status == RenderStatus.Succeeded ? cell.ResultSha256 : null;
            if (result is not null && !results.ContainsKey(cell.Key))
            {
                results[cell.Key] = await blobs.LocalPathAsync(result, ct).ConfigureAwait(false);
            }
            var final = await TraceFinalLosses.ReadAsync(cell, blobs, ct).ConfigureAwait(false);
            records[cell.Index] = RecordOf(cell, status, planned, final, result);
        }
        return new SweepExport(sweep, planned, records, results);
    }

    /// <summary>
    /// sweep.json as <c>nsf sweep</c> writes it. <c>model_loads</c>, <c>targets_computed</c> and
    /// <c>targets_reused</c> are 0: in the farm, models and targets are cached by workers across
    /// sweeps, so a sweep has no counts of its own (the workers' metrics have them).
    /// </summary>
    public SweepManifest Manifest(IReadOnlyList<SweepGridRecord> grids) =>
        new(_sweep.Title, _sweep.WeightsSha256, ModelLoads: 0, TargetsComputed: 0, TargetsReused: 0, Records, grids);

    private static SweepRenderRecord RecordOf(SweepDocumentCell cell, RenderStatus status, PlannedSweep planned, IterationLosses? final, string? result)
    {
        var render = cell.Render;
        return new SweepRenderRecord(cell.Key, cell.Index, cell.Page, cell.Row, cell.Column, cell.Coordinates, status,
            planned.SettingsOf(cell), new InputImage(planned.NameOf(render.Content), render.Content),
            render.Styles.Select(s => new InputImage(planned.NameOf(s), s)).ToArray(), render.Weights)
        {
            Error = cell.Error,
            ErrorCode = cell.ErrorCode,
            Final = final,
            Seconds = cell.Seconds,
            BatchSize = cell.BatchSize,
            // The export copies the blob byte for byte, so its hash is the file's, as nsf sweep records it.
            Image = result is null ? null : SweepFiles.RenderImage(cell.Key),
            ImageSha256 = result,
        };
    }
}
