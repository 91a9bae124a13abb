namespace NeuralStyle.Engine.Memory;

/// <summary>
/// A render's (or a batch's) peak memory on its device, in bytes, by what holds it. Estimates are
/// from a model fitted to peak resident memory measured on the CPU engine (see
/// <see cref="RenderMemory"/>); they lean high rather than low.
/// </summary>
/// <param name="Model">VGG-19's convolutions as loaded (the file's copy read into memory and the device's copy).</param>
/// <param name="Activations">Feature maps kept for the backward pass, their gradients and working buffers, at the largest scale.</param>
/// <param name="Optimizer">L-BFGS history (two images per stored step, up to 100) or Adam's moments.</param>
/// <param name="Runtime">The process itself before any render: .NET, libtorch and libvips.</param>
public sealed record MemoryEstimate(long Model, long Activations, long Optimizer, long Runtime)
{
    /// <summary>What the render adds to a process that is already running: model, activations and optimiser state.</summary>
    public long RenderBytes => Model + Activations + Optimizer;

    /// <summary>The whole process at the render's peak.</summary>
    public long PeakBytes => Runtime + RenderBytes;

    /// <summary>"2.4 GiB (activations 1.9 GiB, L-BFGS history 0.4 GiB, model 0.1 GiB)": for messages.</summary>
    public string Describe(string optimizerName) =>
        $"{Gib(RenderBytes)} (activations {Gib(Activations)}, {optimizerName} {Gib(Optimizer)}, model {Gib(Model)})";

    internal static string Gib(long bytes) => $"{bytes / (double)(1L << 30):0.0#} GiB";
}
