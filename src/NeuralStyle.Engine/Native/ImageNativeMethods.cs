using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>
/// Declarations of nsf_image.h (libnsf_image.so, libvips only), section by section in the same
/// order. Nothing here loads libtorch: image checks and grid pages in a process without it (the
/// gateway) go through these alone. A canvas comes back in a <see cref="CanvasHandle"/> whose
/// release calls <c>nsf_canvas_free</c>.
/// </summary>
internal static unsafe partial class ImageNativeMethods
{
    public const string Library = "nsf_image";

    /// <summary>Mirrors NSF_IMAGE_ABI_VERSION: the signatures below.</summary>
    public const int AbiVersion = 1;

    [LibraryImport(Library, EntryPoint = "nsf_image_abi_version")]
    public static partial int AbiVersionOfLibrary();

    // ---- images
    [LibraryImport(Library, EntryPoint = "nsf_image_probe", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ImageProbe(string path, long maxPixels, out int width, out int height,
        ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_image_read", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ImageRead(string path, long maxPixels, int width, int height, float* rgb,
        ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_image_write_png", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ImageWritePng(string path, float* rgb, int width, int height,
        nint* textKeys, nint* textValues, int textCount, ref NativeError error);

    // ---- canvas
    [LibraryImport(Library, EntryPoint = "nsf_canvas_create")]
    public static partial int CanvasCreate(int width, int height, int r, int g, int b, out CanvasHandle canvas,
        ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_canvas_free")]
    public static partial void CanvasFree(nint canvas);

    [LibraryImport(Library, EntryPoint = "nsf_canvas_draw_image")]
    public static partial int CanvasDrawImage(CanvasHandle canvas, float* rgb, int width, int height, int x, int y,
        ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_canvas_fill_rect")]
    public static partial int CanvasFillRect(CanvasHandle canvas, int x, int y, int width, int height,
        int r, int g, int b, ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_canvas_measure_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CanvasMeasureText(string text, string font, int maxWidth, out int width,
        out int height, ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_canvas_draw_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CanvasDrawText(CanvasHandle canvas, string text, string font, int maxWidth,
        int x, int y, int r, int g, int b, ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_canvas_write_png", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CanvasWritePng(CanvasHandle canvas, string path, nint* textKeys, nint* textValues,
        int textCount, ref NativeError error);
}
