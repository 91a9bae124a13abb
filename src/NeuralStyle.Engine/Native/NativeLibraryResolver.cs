using System.Reflection;
using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>
/// Finds both native libraries beside this assembly (or where an environment variable says).
/// One resolver for the assembly, since .NET allows only one; each library is loaded only when
/// its first export is called, so a process that never renders never maps libnsf_native.so
/// (nor libtorch, which it pulls in).
/// </summary>
internal static class NativeLibraryResolver
{
    /// <summary>The libtorch library: runtime, model, targets, render.</summary>
    public static readonly NativeLibraryFile Engine = new(NativeMethods.Library, "libnsf_native.so", "NSF_NATIVE_LIBRARY");

    /// <summary>The libvips library: images and grid canvases.</summary>
    public static readonly NativeLibraryFile Image = new(ImageNativeMethods.Library, "libnsf_image.so", "NSF_IMAGE_LIBRARY");

    static NativeLibraryResolver()
    {
        System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
    }

    /// <summary>Installs the resolver (once, in the static constructor) before the first native call.</summary>
    public static void EnsureInstalled()
    {
        // The static constructor has run by the time this body runs; nothing else to do.
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var library = name == Engine.ImportName ? Engine : name == Image.ImportName ? Image : null;
        if (library is null)
        {
            return 0;
        }
        var overridePath = Environment.GetEnvironmentVariable(library.OverrideVariable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            return System.Runtime.InteropServices.NativeLibrary.Load(overridePath);
        }
        var besideAssembly = Path.Combine(AppContext.BaseDirectory, library.FileName);
        return System.Runtime.InteropServices.NativeLibrary.TryLoad(besideAssembly, out var loaded) ? loaded : 0;
    }
}
