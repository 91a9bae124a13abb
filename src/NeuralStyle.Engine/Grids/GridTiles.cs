using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Grids;

/// <summary>
/// The tile slots of a page: every rendered cell probed from its header (no pixels read), the slot
/// as large as the largest, and the one scale at which the page fits <see cref="GridPageBounds"/>
/// (1: tiles pasted at their own resolution).
/// </summary>
internal sealed class GridTiles
{
    private const int FullGap = 8;
    private readonly Dictionary<GridCell, (int Width, int Height)> _sizes = [];

    public GridTiles(IReadOnlyList<GridCell> cells)
    {
        foreach (var cell in cells)
        {
            if (cell.ImagePath is { } path)
            {
                _sizes[cell] = ImageFile.Probe(path);
            }
        }
        SlotWidth = _sizes.Count == 0 ? 128 : _sizes.Values.Max(s => s.Width);
        SlotHeight = _sizes.Count == 0 ? 96 : _sizes.Values.Max(s => s.Height);
    }

    /// <summary>Tiles are drawn at this fraction of their size (1 unless the page would be over its bounds).</summary>
    public double Scale { get; private set; } = 1;

    public int SlotWidth { get; private set; }

    public int SlotHeight { get; private set; }

    /// <summary>Between slots; shrinks with the tiles, to 1 px.</summary>
    public int Gap => GapAt(Scale);

    /// <summary>
    /// Picks the largest scale at most 1 at which <paramref name="pageSize"/> (the page's width and
    /// height for a slot size and gap) is within the bounds; throws if even 1 px tiles are not.
    /// </summary>
    public void ScaleToFit(Func<int, int, int, (long Width, long Height)> pageSize, int pageIndex)
    {
        var (fullWidth, fullHeight) = (SlotWidth, SlotHeight);
        bool FitsAt(double scale)
        {
            var (w, h) = pageSize(Scaled(fullWidth, scale), Scaled(fullHeight, scale), GapAt(scale));
            return GridPageBounds.Fits(w, h);
        }
        if (FitsAt(1))
        {
            return;
        }
        var (low, high) = (0.0, 1.0);
        if (!FitsAt(low))
        {
            throw new OutputFileException(
                $"grid page {pageIndex + 1} cannot be laid out within {GridPageBounds.MaxSide} px a side and {GridPageBounds.MaxPixels >> 20} Mpx even with 1 px tiles");
        }
        // The page grows with the scale, so halving the interval finds the largest that fits.
        for (var i = 0; i < 40; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = FitsAt(middle) ? (middle, high) : (low, middle);
        }
        Scale = low;
        (SlotWidth, SlotHeight) = (Scaled(fullWidth, low), Scaled(fullHeight, low));
    }

    /// <summary>The tile's size on the page, or null for a cell without an image.</summary>
    public (int Width, int Height)? SizeOf(GridCell cell) =>
        _sizes.TryGetValue(cell, out var size) ? (Scaled(size.Width, Scale), Scaled(size.Height, Scale)) : null;

    /// <summary>Reads the tile at its size on the page: exactly its render when the scale is 1.</summary>
    public RgbImage Read(GridCell cell)
    {
        var (width, height) = SizeOf(cell)!.Value;
        return ImageFile.Read(cell.ImagePath!, width, height);
    }

    private static int GapAt(double scale) => scale >= 1 ? FullGap : Math.Max(1, (int)(FullGap * scale));

    private static int Scaled(int size, double scale) => scale >= 1 ? size : Math.Max(1, (int)(size * scale));
}
