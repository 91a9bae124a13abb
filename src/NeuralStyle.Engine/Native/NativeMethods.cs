using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>
/// Declarations of nsf_native.h (libnsf_native.so, libtorch), section by section in the same
/// order. Ownership follows the header: every handle comes back in a <see cref="SafeHandle"/>
/// whose release calls the matching free. Images and canvases are in <see cref="ImageNativeMethods"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "nsf_native";

    /// <summary>Mirrors NSF_ABI_VERSION: the layout of every struct and signature below.</summary>
    public const int AbiVersion = 2;

    // ---- runtime
    [LibraryImport(Library, EntryPoint = "nsf_abi_version")]
    public static partial int AbiVersionOfLibrary();

    [LibraryImport(Library, EntryPoint = "nsf_runtime_info")]
    public static partial int RuntimeInfo(byte* buffer, int capacity);

    [LibraryImport(Library, EntryPoint = "nsf_runtime_set_threads")]
    public static partial int RuntimeSetThreads(int threads, ref NativeError error);

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
}
