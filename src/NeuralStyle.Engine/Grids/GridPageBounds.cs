namespace NeuralStyle.Engine.Grids;

/// <summary>
/// How big a grid page may be. The canvas is one 8-bit RGB buffer (3 bytes a pixel), so a page of
/// many large tiles (1000 columns of 8192 px) would ask for a gigapixel; instead the tiles of such
/// a page are scaled down until it fits, and its record says by how much.
/// </summary>
public static class GridPageBounds
{
    /// <summary>Longest side of a page in pixels.</summary>
    public const int MaxSide = 16384;

    /// <summary>Most pixels on a page (128 Mpx: a 384 MiB canvas).</summary>
    public const long MaxPixels = 128L << 20;

    /// <summary>Most rows or columns a page can have: with 1 px tiles and gaps these still fit <see cref="MaxSide"/>.</summary>
    public const int MaxRowsOrColumns = 4096;

    /// <summary>Whether a width x height page is within the bounds.</summary>
    public static bool Fits(long width, long height) =>
        width <= MaxSide && height <= MaxSide && width * height <= MaxPixels;
}
