using System.Text.Json;
using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Rendering;

/// <summary>What the native engine reports about itself, and its process-wide thread setting.</summary>
public static class EngineRuntime
{
    /// <summary>JSON object: abi, torch, cuda_available, cuda_devices, threads, blas, blas_threads.</summary>
    public static JsonElement Describe() => NativeLibraryGuard.RuntimeInfo();

    /// <summary>The most threads <see cref="SetThreads"/> accepts: four per core this process may use.</summary>
    public static int MaxThreads => Environment.ProcessorCount * 4;

    /// <summary>
    /// Sets how many threads libtorch uses inside one operation, for every later render in this
    /// process whichever thread runs it; <see cref="Describe"/> reports it as <c>threads</c>.
    /// libtorch's own default on a small machine is one thread whatever the cores, so a CPU worker
    /// sets this to the cores it is given. Process-wide: call it at start-up, before renders run,
    /// with one value for all the workers of a process. OpenBLAS's pool (<c>blas_threads</c>) is
    /// left alone: its size changed the bits of a render where libtorch's thread count did not.
    /// </summary>
    /// <param name="threads">1 to <see cref="MaxThreads"/>.</param>
    /// <exception cref="InvalidSettingException">Outside that range.</exception>
    public static void SetThreads(int threads)
    {
        if (threads < 1 || threads > MaxThreads)
        {
            throw new InvalidSettingException("threads",
                $"must be 1..{MaxThreads} (four per core; this process may use {Environment.ProcessorCount}), got {threads}");
        }
        NativeLibraryGuard.SetThreads(threads);
    }
}
