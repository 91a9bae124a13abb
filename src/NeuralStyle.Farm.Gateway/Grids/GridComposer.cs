using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Export;

namespace NeuralStyle.Farm.Gateway.Grids;

/// <summary>
/// Draws a sweep's grid pages from the farm's state, through the same layout as <c>nsf sweep</c>
/// (<see cref="SweepGridLayout"/>): tiles are the result blobs of succeeded renders, every other
/// cell shows its status (a failed one its error). Uses the image library only, never the renderer.
/// </summary>
internal static class GridComposer
{
    /// <summary>Writes every page of <paramref name="planned"/> into <paramref name="directory"/> under its <see cref="SweepFiles.Grid"/> name.</summary>
    public static async Task<IReadOnlyList<SweepGridRecord>> WriteAsync(SweepDocument sweep, PlannedSweep planned, IBlobStore blobs,
        string directory, CancellationToken ct)
    {
        var byPage = sweep.Cells.ToLookup(c => c.Page);
        var grids = new List<SweepGridRecord>(planned.Plan.Pages.Count);
        foreach (var page in planned.Plan.Pages)
        {
            ct.ThrowIfCancellationRequested();
            var onPage = byPage[page.Index].OrderBy(c => c.Index).ToArray();
            var cells = new List<GridCell>(onPage.Length);
            foreach (var cell in onPage)
            {
                var status = StatusOf(cell.Status);
                // A tile is read from the blob named by the result's hash, one at a time as the page is drawn.
                var image = status == RenderStatus.Succeeded && cell.ResultSha256 is { } result
                    ? await blobs.LocalPathAsync(result, ct).ConfigureAwait(false)
                    : null;
                cells.Add(SweepGridLayout.Cell(cell.Row, cell.Column, cell.Key, status, image, cell.Error));
            }
            var first = onPage[0];
            grids.Add(planned.Layout.Write(directory, page, cells, planned.SettingsOf(first), first.Render.Weights));
        }
        return grids;
    }

    /// <summary>The engine's word for the farm's: the same five, in sweep.json and the grids.</summary>
    public static RenderStatus StatusOf(FarmRenderStatus status) => status switch
    {
        FarmRenderStatus.Queued => RenderStatus.Queued,
        FarmRenderStatus.Running => RenderStatus.Running,
        FarmRenderStatus.Succeeded => RenderStatus.Succeeded,
        FarmRenderStatus.Failed => RenderStatus.Failed,
        FarmRenderStatus.Cancelled => RenderStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a render status"),
    };
}
