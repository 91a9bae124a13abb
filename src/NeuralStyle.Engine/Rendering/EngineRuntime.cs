using System.Text.Json;
using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Rendering;

/// <summary>What the native engine reports about itself.</summary>
public static class EngineRuntime
{
    /// <summary>JSON object: abi, torch, cuda_available, cuda_devices, threads, blas.</summary>
    public static JsonElement Describe() => NativeLibraryGuard.RuntimeInfo();
}
