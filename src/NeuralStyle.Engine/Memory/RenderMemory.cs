using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Memory;

/// <summary>
/// Estimates a render's peak memory from its size, layers, batch and optimiser, and refuses renders
/// that cannot fit the memory their device has left.
/// The model (README, "Memory") was fitted to peak resident memory of <c>nsf render</c> measured on
/// the CPU engine (libtorch 1.13, oneDNN, glibc malloc) at 256 to 768 px: activations grow with the
/// pixels of the generated image times the batch, at a rate set by the deepest layer used (deeper
/// layers keep more feature maps for the backward pass); L-BFGS keeps two images per stored step.
/// The per-pixel rates carry about 10% of headroom over the measurements.
/// </summary>
public static class RenderMemory
{
    /// <summary>The process before any render: .NET, libtorch and libvips resident (measured 270 to 330 MB; 350 MB leaves headroom).</summary>
    public const long RuntimeBytes = 350L << 20;

    // Bytes per generated pixel per image, by the VGG block of the deepest layer (1..5). Measured
    // 2.0, 2.5, 2.5, 3.1, 3.2 KiB; 3.55 KiB with all five default style layers.
    private static readonly double[] ActivationBytesPerPixel = [2.3 * 1024, 3.0 * 1024, 3.1 * 1024, 3.7 * 1024, 4.1 * 1024];

    // A style image's forward pass for its targets (no gradients): measured 0.65 to 0.73 KiB per
    // style pixel at 512 and 1024 px. It runs before the optimisation, so the peak is the larger.
    private const double StyleForwardBytesPerPixel = 1024;

    // The weights are read into managed arrays, copied to the device, and the device keeps a
    // working copy in oneDNN's layout: about three copies (measured 2.9).
    private const int ModelCopies = 3;

    // One RGB float32 image.
    private const int ImageBytesPerPixel = 3 * sizeof(float);

    /// <summary>
    /// The estimate for <paramref name="batch"/> images of <paramref name="settings"/> whose content
    /// image is <paramref name="contentWidth"/> x <paramref name="contentHeight"/> (its aspect sets
    /// the generated image's); pass 0 x 0 when the image is not known yet, which assumes a square (the most pixels).
    /// </summary>
    public static MemoryEstimate Estimate(RenderSettings settings, int contentWidth, int contentHeight, int batch = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var pixels = settings.EffectiveScales.Max(size => PixelsAt(size, contentWidth, contentHeight));
        var layers = settings.ContentLayers.Concat(settings.StyleLayers).Select(l => VggLayers.IndexOf(l, "layers")).ToArray();
        var deepest = layers.Max();
        var block = BlockOf(deepest);
        // Style images are taken as square (their shape is not known here): the most pixels.
        var stylePixels = settings.EffectiveScales.Max(size => (long)settings.StyleSizeFor(size) * settings.StyleSizeFor(size));
        var activations = Math.Max((long)(ActivationBytesPerPixel[block - 1] * pixels * batch),
            (long)(StyleForwardBytesPerPixel * stylePixels));
        var optimizer = settings.Optimizer == OptimizerKind.Lbfgs
            // s and y per stored step, plus the direction, gradient and previous gradient.
            ? (2L * Math.Min(settings.Iterations, Rendering.OptimisationOptions.LbfgsHistory) + 6) * ImageBytesPerPixel * pixels * batch
            // Adam's two moments, the gradient and the step.
            : 4L * ImageBytesPerPixel * pixels * batch;
        var convolutions = VggLayers.ConvolutionsNeededFor(deepest);
        var model = (long)ModelCopies * VggLayers.Convolutions.Take(convolutions)
            .Sum(c => (long)(c.WeightLength + c.OutChannels) * sizeof(float));
        return new MemoryEstimate(model, activations, optimizer, RuntimeBytes);
    }

    /// <summary>
    /// Throws <see cref="InsufficientDeviceMemoryException"/> when <paramref name="estimate"/>'s render
    /// needs more than <paramref name="device"/> has available (see <see cref="DeviceMemory"/>), or
    /// more than <paramref name="limit"/> when one is given (a worker's budget for its renders).
    /// Devices whose free memory this build cannot read are checked against the limit alone.
    /// <paramref name="held"/> is memory the process already holds for renders (an earlier batch's,
    /// which the allocator keeps and reuses): it counts as available on the device.
    /// </summary>
    public static void RequireFits(MemoryEstimate estimate, RenderSettings settings, int batch, string device,
        long? limit = null, long held = 0)
    {
        if (AvailableFor(device, limit, held) is not { } available || estimate.RenderBytes <= available.Bytes)
        {
            return;
        }
        var (bytes, source) = available;
        var optimizer = settings.Optimizer == OptimizerKind.Lbfgs ? "L-BFGS history" : "Adam state";
        var images = batch == 1 ? "this render" : $"this batch of {batch} renders";
        throw new InsufficientDeviceMemoryException(
            $"{images} needs about {estimate.Describe(optimizer)} at {settings.EffectiveScales.Max()} px, but {device} has " +
            $"{MemoryEstimate.Gib(bytes)} available{source}. Lower size, use shallower layers" +
            (settings.Optimizer == OptimizerKind.Lbfgs ? ", optimizer adam (no history)" : "") +
            (batch > 1 ? " or a smaller --batch-size" : "") + ", or render on a device with more memory");
    }

    /// <summary>True when <paramref name="estimate"/> fits what <paramref name="device"/> has, or its memory cannot be told.</summary>
    public static bool Fits(MemoryEstimate estimate, string device, long? limit = null, long held = 0) =>
        AvailableFor(device, limit, held) is not { } available || estimate.RenderBytes <= available.Bytes;

    private static (long Bytes, string Source)? AvailableFor(string device, long? limit, long held)
    {
        var free = device == "cpu" && DeviceMemory.Budget() is { } budget ? (budget.Bytes + held, budget.Source) : ((long, string)?)null;
        var engine = limit is { } l ? (l, " (the engine's memory limit)") : ((long, string)?)null;
        return free is { } f && engine is { } e ? (f.Item1 <= e.Item1 ? f : e) : free ?? engine;
    }

    private static long PixelsAt(int size, int width, int height)
    {
        var (w, h) = width > 0 && height > 0 ? ImageSizing.FitLongestSide(width, height, size) : (size, size);
        return (long)w * h;
    }

    // conv3_2, relu3_2 and pool3 are in block 3: the digit after the layer kind.
    private static int BlockOf(int featureIndex)
    {
        var name = VggLayers.Names[featureIndex];
        return name[name.IndexOfAny("0123456789".ToCharArray())] - '0';
    }
}
