using System.Text;
using System.Text.Json;

namespace NeuralStyle.Engine.Native;

/// <summary>
/// Checks, once, that libnsf_native.so (libtorch) loads with the ABI <see cref="NativeMethods"/>
/// mirrors, and asks its runtime about itself. Image and canvas code uses
/// <see cref="ImageLibraryGuard"/> instead, so that it never loads libtorch.
/// </summary>
internal static class NativeLibraryGuard
{
    private static readonly Lazy<string?> Problem =
        new(() => NativeLibraryResolver.Engine.Problem(NativeMethods.AbiVersionOfLibrary, NativeMethods.AbiVersion));

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

    /// <summary>Sets libtorch's intra-op thread count for the whole process.</summary>
    public static void SetThreads(int threads)
    {
        EnsureLoaded();
        var error = new NativeError();
        NativeResult.ThrowIfFailed(NativeMethods.RuntimeSetThreads(threads, ref error), error);
    }
}
