using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace NeuralStyle.Engine.Native;

/// <summary>
/// Finds libnsf_native.so and checks, once, that its ABI is the one these declarations mirror,
/// so that a stale build fails with a message instead of corrupting memory.
/// </summary>
internal static class NativeLibraryGuard
{
    private static readonly Lazy<string?> Problem = new(Check);

    static NativeLibraryGuard()
    {
        System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(NativeLibraryGuard).Assembly, Resolve);
    }

    /// <summary>Throws <see cref="EngineFailureException"/> unless the native library loads with the expected ABI.</summary>
    public static void EnsureLoaded()
    {
        if (Problem.Value is { } problem)
        {
            throw new EngineFailureException(problem);
        }
    }

    /// <summary>What the native runtime says of itself: torch version, BLAS, CUDA devices, threads.</summary>
    public static unsafe JsonElement RuntimeInfo()
    {
        EnsureLoaded();
        var buffer = new byte[4096];
        while (true)
        {
            int needed;
            fixed (byte* data = buffer)
            {
                needed = NativeMethods.RuntimeInfo(data, buffer.Length);
            }
            if (needed <= buffer.Length)
            {
                var length = Array.IndexOf(buffer, (byte)0);
                return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, Math.Max(length, 0))).RootElement.Clone();
            }
            // Too small: the library wrote nothing and said how much it needs.
            buffer = new byte[needed];
        }
    }

    private static string? Check()
    {
        try
        {
            var abi = NativeMethods.AbiVersionOfLibrary();
            return abi == NativeMethods.AbiVersion
                ? null
                : $"the native engine library has ABI version {abi} but this build expects {NativeMethods.AbiVersion}; rebuild it (./nsf --rebuild)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"cannot load the native engine library libnsf_native.so ({e.Message}); build it with ./nsf --rebuild, or set NSF_NATIVE_LIBRARY to its path";
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library)
        {
            return 0;
        }
        var overridePath = Environment.GetEnvironmentVariable("NSF_NATIVE_LIBRARY");
        if (!string.IsNullOrEmpty(overridePath))
        {
            return System.Runtime.InteropServices.NativeLibrary.Load(overridePath);
        }
        var besideAssembly = Path.Combine(AppContext.BaseDirectory, "libnsf_native.so");
        return System.Runtime.InteropServices.NativeLibrary.TryLoad(besideAssembly, out var loaded) ? loaded : 0;
    }
}
