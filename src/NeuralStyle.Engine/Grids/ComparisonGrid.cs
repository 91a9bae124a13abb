using System.Text.Json;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Grids;

/// <summary>
/// A labelled comparison grid like Figure 3 of Gatys et al.: tiles on the row and column axes
/// (labels give axis name and value), a title, the content and style images beside it, the fixed
/// settings below, and failed or missing cells marked as such. Tiles are pasted at their own
/// resolution, so a tile is pixel-for-pixel its render, unless the page would be over
/// <see cref="GridPageBounds"/>: then all tiles are scaled by one factor, recorded as the page's
/// scale. Every text is bounded (<see cref="GridText"/>); sweep.json keeps it whole.
/// </summary>
public static class ComparisonGrid
{
    private const int Pad = 16;
    private const int Gap = 8;
    private const int MaxLabelWidth = 220;
    private const int MaxLabelHeight = 90;
    private const int MaxLabelChars = 120;
    private const int MaxLabelValueChars = 60;
    private const int MaxTitleHeight = 100;
    private const int MaxTitleChars = 400;
    private const int MaxFooterHeight = 90;
    private const int MaxFooterChars = 1200;
    private const int MaxCellTextChars = 600;
    private const string Font = "DejaVu Sans 11";
    private const string TitleFont = "DejaVu Sans Bold 15";

    /// <summary>
    /// Draws <paramref name="page"/> to <paramref name="path"/> and returns its record (with cell
    /// rectangles). <paramref name="nameOf"/> gives the name the page's input paths are shown
    /// (as file names) and recorded under; by default the paths themselves.
    /// </summary>
    public static SweepGridRecord Write(string path, string relativePath, GridPage page, IReadOnlyList<GridCell> cells,
        string title, string footer, Func<string, string>? nameOf = null)
    {
        nameOf ??= input => input;
        var tiles = new GridTiles(cells);
        var rowLabels = Labels(page.Rows, page.RowCount).Select(l => GridText.Fit(l, Font, MaxLabelWidth, MaxLabelHeight, MaxLabelChars)).ToArray();
        var rowLabelWidth = page.Rows is null ? 0 : Math.Min(MaxLabelWidth, rowLabels.Max(l => GridCanvas.Measure(l, Font, MaxLabelWidth).Width)) + Gap;
        var side = SidePanel.Load(page, Math.Clamp(tiles.SlotWidth, 96, 192), nameOf);
        long Width(int slotWidth, int gap) => Pad + rowLabelWidth + (long)page.ColumnCount * slotWidth + (page.ColumnCount - 1L) * gap + Pad + side.Width + Pad;
        // Text heights are taken at their bounds while searching a scale, so the page drawn is no larger.
        tiles.ScaleToFit((slotWidth, slotHeight, gap) => (Width(slotWidth, gap),
            2L * Pad + MaxTitleHeight + Pad + Math.Max(MaxLabelHeight + Gap + (long)page.RowCount * slotHeight + (page.RowCount - 1L) * gap, side.Height) + Pad + MaxFooterHeight + Pad),
            page.Index);

        var tileWidth = tiles.SlotWidth;
        var tileHeight = tiles.SlotHeight;
        var gap = tiles.Gap;
        var width = (int)Width(tileWidth, gap);
        var columnLabels = Labels(page.Columns, page.ColumnCount).Select(l => GridText.Fit(l, Font, tileWidth, MaxLabelHeight, MaxLabelChars)).ToArray();
        var columnLabelHeight = page.Columns is null ? 0 : columnLabels.Max(l => GridCanvas.Measure(l, Font, tileWidth).Height) + Gap;
        var gridWidth = page.ColumnCount * tileWidth + (page.ColumnCount - 1) * gap;
        var gridHeight = page.RowCount * tileHeight + (page.RowCount - 1) * gap;
        var fittedTitle = Title(title, width - 2 * Pad);
        var fittedFooter = GridText.Fit(footer, Font, width - 2 * Pad, MaxFooterHeight, MaxFooterChars);
        var titleHeight = GridCanvas.Measure(fittedTitle, TitleFont, width - 2 * Pad).Height;
        var footerHeight = GridCanvas.Measure(fittedFooter, Font, width - 2 * Pad).Height;
        var gridTop = Pad + titleHeight + Pad + columnLabelHeight;
        var bodyHeight = Math.Max(columnLabelHeight + gridHeight, side.Height);
        var height = Pad + titleHeight + Pad + bodyHeight + Pad + footerHeight + Pad;

        using var canvas = new GridCanvas(width, height, Rgb.White);
        canvas.DrawText(fittedTitle, TitleFont, width - 2 * Pad, Pad, Pad, Rgb.Ink);
        var gridLeft = Pad + rowLabelWidth;
        for (var column = 0; column < page.ColumnCount && page.Columns is not null; column++)
        {
            canvas.DrawText(columnLabels[column], Font, tileWidth, gridLeft + column * (tileWidth + gap), gridTop - columnLabelHeight, Rgb.Ink);
        }
        for (var row = 0; row < page.RowCount && page.Rows is not null; row++)
        {
            canvas.DrawText(rowLabels[row], Font, MaxLabelWidth, Pad, gridTop + row * (tileHeight + gap), Rgb.Ink);
        }
        var records = new List<SweepGridCell>();
        foreach (var cell in cells)
        {
            // Smaller tiles (another size on an axis) are centred in their slot, not resampled.
            var (cellWidth, cellHeight) = tiles.SizeOf(cell) ?? (tileWidth, tileHeight);
            var x = gridLeft + cell.Column * (tileWidth + gap) + (tileWidth - cellWidth) / 2;
            var y = gridTop + cell.Row * (tileHeight + gap) + (tileHeight - cellHeight) / 2;
            DrawCell(canvas, tiles, cell, x, y, cellWidth, cellHeight);
            records.Add(new SweepGridCell(cell.Row, cell.Column, cell.Key, cell.Status, x, y, cellWidth, cellHeight));
        }
        side.Draw(canvas, gridLeft + gridWidth + Pad, Pad + titleHeight + Pad);
        canvas.DrawText(fittedFooter, Font, width - 2 * Pad, Pad, height - Pad - footerHeight, Rgb.Muted);

        var record = new SweepGridRecord(relativePath, page.Index, nameOf(page.Content), page.Style.Select(nameOf).ToArray(),
            page.Fixed.ToDictionary(f => f.Key, f => f.Value.ToString()),
            page.Rows is null ? null : new SweepGridAxis(page.Rows.Name, page.Rows.Values.Select(v => v.ToString()).ToArray()),
            page.Columns is null ? null : new SweepGridAxis(page.Columns.Name, page.Columns.Values.Select(v => v.ToString()).ToArray()),
            records, tiles.Scale);
        canvas.WritePng(path, new Dictionary<string, string>
        {
            ["Software"] = "NeuralStyle Farm",
            [Rendering.RenderMetadata.Key + ":grid"] = JsonSerializer.Serialize(record, Settings.RenderSettingsJson.Options),
        });
        return record;
    }

    private static void DrawCell(GridCanvas canvas, GridTiles tiles, GridCell cell, int x, int y, int width, int height)
    {
        if (cell.ImagePath is not null)
        {
            canvas.DrawImage(tiles.Read(cell), x, y);
            return;
        }
        var failed = cell.Status == RenderStatus.Failed;
        canvas.FillRect(x, y, width, height, failed ? Rgb.FailedFill : Rgb.MissingFill);
        if (width > 16 && height > 16)
        {
            var text = failed ? $"FAILED\n{cell.Error}" : cell.Status == RenderStatus.Cancelled ? "interrupted" : "not rendered";
            canvas.DrawText(GridText.Fit(text, Font, width - 8, height - 8, MaxCellTextChars), Font, width - 8, x + 4, y + 4,
                failed ? Rgb.FailedInk : Rgb.Muted);
        }
    }

    /// <summary>
    /// The title within its bounds. Its last line says which page this is (inputs and axes), so a
    /// long title is cut before that line is.
    /// </summary>
    private static string Title(string title, int width)
    {
        var split = title.LastIndexOf('\n');
        if (split < 0)
        {
            return GridText.Fit(title, TitleFont, width, MaxTitleHeight, MaxTitleChars);
        }
        var last = GridText.Fit(title[(split + 1)..], TitleFont, width, MaxTitleHeight / 2, MaxTitleChars / 2);
        var lastHeight = GridCanvas.Measure(last, TitleFont, width).Height;
        var head = GridText.Fit(title[..split], TitleFont, width, Math.Max(1, MaxTitleHeight - lastHeight), MaxTitleChars / 2);
        return $"{head}\n{last}";
    }

    private static string[] Labels(SweepAxis? axis, int count) =>
        axis is null
            ? Enumerable.Repeat("", count).ToArray()
            : axis.Values.Select(v => $"{axis.Name} = {GridText.ShortenFromStart(v.ToString(), MaxLabelValueChars)}").ToArray();
}
