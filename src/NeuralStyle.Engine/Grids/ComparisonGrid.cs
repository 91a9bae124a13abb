using System.Text.Json;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Grids;

/// <summary>
/// A labelled comparison grid like Figure 3 of Gatys et al.: tiles on the row and column axes
/// (labels give axis name and value), a title, the content and style images beside it, the fixed
/// settings below, and failed or missing cells marked as such. Tiles are pasted at their own
/// resolution, so a tile is pixel-for-pixel its render.
/// </summary>
public static class ComparisonGrid
{
    private const int Pad = 16;
    private const int Gap = 8;
    private const int MaxLabelWidth = 220;
    private const string Font = "DejaVu Sans 11";
    private const string TitleFont = "DejaVu Sans Bold 15";

    /// <summary>Draws <paramref name="page"/> to <paramref name="path"/> and returns its record (with cell rectangles).</summary>
    public static SweepGridRecord Write(string path, string relativePath, GridPage page, IReadOnlyList<GridCell> cells,
        string title, string footer)
    {
        var tileWidth = cells.Select(c => c.Image?.Width ?? 0).DefaultIfEmpty().Max();
        var tileHeight = cells.Select(c => c.Image?.Height ?? 0).DefaultIfEmpty().Max();
        if (tileWidth == 0)
        {
            (tileWidth, tileHeight) = (128, 96);
        }
        var rowLabels = Labels(page.Rows, page.RowCount);
        var columnLabels = Labels(page.Columns, page.ColumnCount);
        var rowLabelWidth = page.Rows is null ? 0 : Math.Min(MaxLabelWidth, rowLabels.Max(l => GridCanvas.Measure(l, Font, MaxLabelWidth).Width)) + Gap;
        var columnLabelHeight = page.Columns is null ? 0 : columnLabels.Max(l => GridCanvas.Measure(l, Font, tileWidth).Height) + Gap;
        var gridWidth = page.ColumnCount * tileWidth + (page.ColumnCount - 1) * Gap;
        var gridHeight = page.RowCount * tileHeight + (page.RowCount - 1) * Gap;

        var side = SidePanel.Load(page, Math.Clamp(tileWidth, 96, 192));
        var width = Pad + rowLabelWidth + gridWidth + Pad + side.Width + Pad;
        var titleHeight = GridCanvas.Measure(title, TitleFont, width - 2 * Pad).Height;
        var footerHeight = GridCanvas.Measure(footer, Font, width - 2 * Pad).Height;
        var gridTop = Pad + titleHeight + Pad + columnLabelHeight;
        var bodyHeight = Math.Max(columnLabelHeight + gridHeight, side.Height);
        var height = Pad + titleHeight + Pad + bodyHeight + Pad + footerHeight + Pad;

        using var canvas = new GridCanvas(width, height, Rgb.White);
        canvas.DrawText(title, TitleFont, width - 2 * Pad, Pad, Pad, Rgb.Ink);
        var gridLeft = Pad + rowLabelWidth;
        for (var column = 0; column < page.ColumnCount && page.Columns is not null; column++)
        {
            canvas.DrawText(columnLabels[column], Font, tileWidth, gridLeft + column * (tileWidth + Gap), gridTop - columnLabelHeight, Rgb.Ink);
        }
        for (var row = 0; row < page.RowCount && page.Rows is not null; row++)
        {
            canvas.DrawText(rowLabels[row], Font, MaxLabelWidth, Pad, gridTop + row * (tileHeight + Gap), Rgb.Ink);
        }
        var records = new List<SweepGridCell>();
        foreach (var cell in cells)
        {
            // Smaller tiles (another size on an axis) are centred in their slot, not resampled.
            var cellWidth = cell.Image?.Width ?? tileWidth;
            var cellHeight = cell.Image?.Height ?? tileHeight;
            var x = gridLeft + cell.Column * (tileWidth + Gap) + (tileWidth - cellWidth) / 2;
            var y = gridTop + cell.Row * (tileHeight + Gap) + (tileHeight - cellHeight) / 2;
            DrawCell(canvas, cell, x, y, cellWidth, cellHeight);
            records.Add(new SweepGridCell(cell.Row, cell.Column, cell.Key, cell.Status, x, y, cellWidth, cellHeight));
        }
        side.Draw(canvas, gridLeft + gridWidth + Pad, Pad + titleHeight + Pad);
        canvas.DrawText(footer, Font, width - 2 * Pad, Pad, height - Pad - footerHeight, Rgb.Muted);

        var record = new SweepGridRecord(relativePath, page.Index, page.Content, page.Style,
            page.Fixed.ToDictionary(f => f.Key, f => f.Value.ToString()),
            page.Rows is null ? null : new SweepGridAxis(page.Rows.Name, page.Rows.Values.Select(v => v.ToString()).ToArray()),
            page.Columns is null ? null : new SweepGridAxis(page.Columns.Name, page.Columns.Values.Select(v => v.ToString()).ToArray()),
            records);
        canvas.WritePng(path, new Dictionary<string, string>
        {
            ["Software"] = "NeuralStyle Farm",
            [Rendering.RenderMetadata.Key + ":grid"] = JsonSerializer.Serialize(record, Settings.RenderSettingsJson.Options),
        });
        return record;
    }

    private static void DrawCell(GridCanvas canvas, GridCell cell, int x, int y, int width, int height)
    {
        if (cell.Image is { } image)
        {
            canvas.DrawImage(image, x, y);
            return;
        }
        var failed = cell.Status == RenderStatus.Failed;
        canvas.FillRect(x, y, width, height, failed ? Rgb.FailedFill : Rgb.MissingFill);
        var text = failed ? $"FAILED\n{cell.Error}" : cell.Status == RenderStatus.Cancelled ? "interrupted" : "not rendered";
        canvas.DrawText(FitInto(text, width - 8, height - 8), Font, width - 8, x + 4, y + 4,
            failed ? Rgb.FailedInk : Rgb.Muted);
    }

    /// <summary>The longest prefix of <paramref name="text"/> (ellipsised) whose wrapped lines fit the cell; sweep.json has the rest.</summary>
    private static string FitInto(string text, int width, int height)
    {
        var length = text.Length;
        while (length > 1 && GridCanvas.Measure(Shorten(text, length), Font, width).Height > height)
        {
            length = length * 3 / 4;
        }
        return Shorten(text, length);
    }

    private static string[] Labels(SweepAxis? axis, int count) =>
        axis is null ? new string[count] : axis.Values.Select(v => $"{axis.Name} = {v}").ToArray();

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..Math.Max(1, length - 1)] + "…";
}
