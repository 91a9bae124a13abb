using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Grids;

/// <summary>An 8-bit sRGB drawing surface in the native image library (libvips, no libtorch): images, rectangles and text.</summary>
public sealed unsafe class GridCanvas : IDisposable
{
    private readonly CanvasHandle _handle;

    /// <summary>A canvas of the given size filled with <paramref name="background"/>.</summary>
    public GridCanvas(int width, int height, Rgb background)
    {
        ImageLibraryGuard.EnsureLoaded();
        var error = new NativeError();
        var status = ImageNativeMethods.CanvasCreate(width, height, background.R, background.G, background.B, out _handle, ref error);
        NativeResult.ThrowIfFailed(status, error);
        Width = width;
        Height = height;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Width and height of <paramref name="text"/> in <paramref name="font"/>, wrapped at <paramref name="maxWidth"/> (0: never).</summary>
    public static (int Width, int Height) Measure(string text, string font, int maxWidth)
    {
        ImageLibraryGuard.EnsureLoaded();
        var error = new NativeError();
        var status = ImageNativeMethods.CanvasMeasureText(text, font, maxWidth, out var width, out var height, ref error);
        NativeResult.ThrowIfFailed(status, error);
        return (width, height);
    }

    /// <summary>Pastes <paramref name="image"/> with its top-left corner at (x, y).</summary>
    public void DrawImage(RgbImage image, int x, int y)
    {
        var error = new NativeError();
        fixed (float* pixels = image.Pixels)
        {
            NativeResult.ThrowIfFailed(ImageNativeMethods.CanvasDrawImage(_handle, pixels, image.Width, image.Height, x, y, ref error), error);
        }
    }

    /// <summary>Fills a rectangle.</summary>
    public void FillRect(int x, int y, int width, int height, Rgb color)
    {
        var error = new NativeError();
        NativeResult.ThrowIfFailed(ImageNativeMethods.CanvasFillRect(_handle, x, y, width, height, color.R, color.G, color.B, ref error), error);
    }

    /// <summary>Draws text laid out as <see cref="Measure"/> does, top-left at (x, y).</summary>
    public void DrawText(string text, string font, int maxWidth, int x, int y, Rgb color)
    {
        var error = new NativeError();
        NativeResult.ThrowIfFailed(ImageNativeMethods.CanvasDrawText(_handle, text, font, maxWidth, x, y, color.R, color.G, color.B, ref error), error);
    }

    /// <summary>Writes the canvas as a PNG, atomically, with text chunks.</summary>
    public void WritePng(string path, IReadOnlyDictionary<string, string> metadata) =>
        AtomicFile.WriteWith(path, temporary =>
        {
            using var text = new NativeTextChunks(metadata);
            var error = new NativeError();
            NativeResult.ThrowIfFailed(ImageNativeMethods.CanvasWritePng(_handle, temporary, text.Keys, text.Values, text.Count, ref error), error);
        });

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
