using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>The records of a running sweep and the files they point to.</summary>
internal sealed class SweepState(string directory, SweepPlan plan, SweepRenderRecord[] records, StyleTransfer engine)
{
    public int Rendered { get; private set; }

    public SweepRenderRecord Complete(SweepPoint point, RenderResult result, double seconds, int batchSize)
    {
        var record = records[point.Index];
        if (result.Cancelled)
        {
            return records[point.Index] = record with { Status = RenderStatus.Cancelled, Final = result.Trace.Final };
        }
        var image = SweepFiles.RenderImage(record.Key);
        var metadata = new Dictionary<string, string>(RenderMetadata.For(result.Trace))
        {
            ["neuralstyle:sweep"] = string.Join(", ", record.Coordinates.Select(c => $"{c.Key}={c.Value}")),
        };
        ImageFile.WritePng(Path.Combine(directory, image), result.Image, metadata);
        Rendered++;
        return records[point.Index] = record with
        {
            Status = RenderStatus.Done,
            Error = null,
            Final = result.Trace.Final,
            Seconds = seconds,
            BatchSize = batchSize,
            Image = image,
        };
    }

    /// <summary>Gives every other point with the same key the rendered point's outcome, in its own grid position.</summary>
    public void CopyToDuplicates(SweepPoint rendered, IReadOnlyList<SweepPoint> sameKey)
    {
        var source = records[rendered.Index];
        foreach (var point in sameKey.Where(p => p.Index != rendered.Index))
        {
            var own = records[point.Index];
            records[point.Index] = source with
            {
                Index = own.Index, Page = own.Page, Row = own.Row, Column = own.Column,
                Coordinates = own.Coordinates, Settings = own.Settings,
            };
        }
    }

    /// <summary>save_every: renders/&lt;key&gt;.iterNNNN.png beside the render's image.</summary>
    public void WriteSnapshot(SweepPoint point, RenderProgress progress)
    {
        if (RenderSnapshots.Due(point.Request.Settings, progress))
        {
            RenderSnapshots.Write(Path.Combine(directory, SweepFiles.RenderImage(records[point.Index].Key)),
                point.Request.Settings, progress);
        }
    }

    public SweepRenderRecord Fail(SweepPoint point, string error) =>
        records[point.Index] = records[point.Index] with { Status = RenderStatus.Failed, Error = error, Image = null };

    public SweepManifest WriteManifest(IReadOnlyList<SweepGridRecord> grids)
    {
        var manifest = new SweepManifest(plan.Spec.Title, records[0].WeightsSha256, engine.ModelLoads,
            engine.Targets.Computed, engine.Targets.Reused, records, grids);
        manifest.Write(directory);
        return manifest;
    }

    public SweepGridRecord WriteGrid(GridPage page, ISweepObserver? observer)
    {
        var cells = records.Where(r => r.Page == page.Index).Select(r => new GridCell(r.Row, r.Column, r.Key, r.Status,
            r.Status == RenderStatus.Done ? Path.Combine(directory, r.Image!) : null, r.Error)).ToArray();
        var file = SweepFiles.Grid(page);
        var grid = ComparisonGrid.Write(Path.Combine(directory, file), file, page, cells, Title(page), Footer(page));
        observer?.OnGridWritten(grid);
        return grid;
    }

    private string Title(GridPage page)
    {
        var names = $"{Path.GetFileName(page.Content)} × {string.Join(" + ", page.Style.Select(Path.GetFileName))}";
        var axes = string.Join("; ", new[] { page.Rows is null ? null : $"rows: {page.Rows.Name}", page.Columns is null ? null : $"columns: {page.Columns.Name}" }.OfType<string>());
        return plan.Spec.Title is { } title ? $"{title}\n{names}   {axes}" : $"{names}   {axes}";
    }

    /// <summary>The settings every cell of the page shares (axis settings left out), so the grid says how it was made.</summary>
    private string Footer(GridPage page)
    {
        var first = records.First(r => r.Page == page.Index);
        var swept = new[] { page.Rows?.Name, page.Columns?.Name }.OfType<string>().ToHashSet();
        // Settings derived from a swept one vary with it too.
        if (swept.Contains("alpha_beta") || swept.Contains("style_weight"))
        {
            swept.Add("content_weight");
        }
        if (swept.Contains("style_layers"))
        {
            swept.Add("style_layer_weights");
        }
        if (swept.Contains("scales"))
        {
            swept.Add("size");
        }
        var shared = Settings.RenderSettingsJson.ToElement(first.Settings).EnumerateObject()
            .Where(p => !swept.Contains(p.Name) && p.Name is not ("weights" or "device" or "save_every"))
            .Select(p => $"{p.Name}={Compact(p.Value)}");
        return $"{string.Join(", ", shared)}; weights sha256 {first.WeightsSha256[..12]}…; torchvision VGG-19 input convention; NeuralStyle Farm";
    }

    private static string Compact(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Compact)),
        System.Text.Json.JsonValueKind.String => Path.GetFileName(value.GetString()!) is { Length: > 0 } name ? name : value.GetString()!,
        _ => value.GetRawText(),
    };
}
