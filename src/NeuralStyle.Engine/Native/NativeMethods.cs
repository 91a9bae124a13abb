using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>
/// Declarations of nsf_native.h, section by section in the same order. Ownership follows the
/// header: every handle comes back in a <see cref="SafeHandle"/> whose release calls the matching free.
/// </summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "nsf_native";

    /// <summary>Mirrors NSF_ABI_VERSION: the layout of every struct and signature below.</summary>
    public const int AbiVersion = 1;

    // ---- runtime
    [LibraryImport(Library, EntryPoint = "nsf_abi_version")]
    public static partial int AbiVersionOfLibrary();

    [LibraryImport(Library, EntryPoint = "nsf_runtime_info")]
    public static partial int RuntimeInfo(byte* buffer, int capacity);

    // ---- model
    [LibraryImport(Library, EntryPoint = "nsf_model_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ModelCreate(string device, int convCount, float** weights, float** biases,
        out ModelHandle model, ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_model_free")]
    public static partial void ModelFree(nint model);

    // ---- targets
    [LibraryImport(Library, EntryPoint = "nsf_targets_compute_content")]
    public static partial int TargetsComputeContent(ModelHandle model, float* image, int height, int width,
        int pooling, int* layers, int layerCount, out TargetsHandle targets, ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_targets_compute_style")]
    public static partial int TargetsComputeStyle(ModelHandle model, float* image, int height, int width,
        int pooling, int* layers, int layerCount, out TargetsHandle targets, ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_targets_blend")]
    public static partial int TargetsBlend(nint* parts, float* weights, int count, out TargetsHandle targets,
        ref NativeError error);

    [LibraryImport(Library, EntryPoint = "nsf_targets_free")]
    public static partial void TargetsFree(nint targets);

    // ---- render
    [LibraryImport(Library, EntryPoint = "nsf_render_run")]
    public static partial int RenderRun(ModelHandle model, TargetsHandle content, TargetsHandle style,
        NativeRenderOptions* options, float* image,
        delegate* unmanaged[Cdecl]<nint, NativeProgress*, int> callback, nint userData, ref NativeError error);

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
