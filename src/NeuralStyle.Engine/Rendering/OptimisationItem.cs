using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Rendering;

/// <summary>One image of a batched optimisation: its own weights and starting image.</summary>
internal sealed record OptimisationItem(
    double ContentWeight,
    double StyleWeight,
    double TvWeight,
    IReadOnlyList<double> StyleLayerWeights,
    RgbImage Initial)
{
    /// <summary>
    /// Largest effective loss weight handed to the native engine. It computes in float32, where
    /// a loss weighted by 1e12 makes squared gradients overflow (Adam stops moving, L-BFGS's
    /// curvature turns infinite); 1e6 leaves that headroom to spare.
    /// </summary>
    public const double MaxNativeWeight = 1e6;

    /// <summary>
    /// What this image's weights are divided by before they reach the engine, and its totals
    /// multiplied by on the way back, so they stay in the user's units. Adam and torch's L-BFGS
    /// take the same steps for a loss scaled by a constant (apart from Adam's epsilon and
    /// L-BFGS's tolerances on vanishing gradients), so a render at weights 1e12 is the render at
    /// 1e6. 1 whenever the weights are within <see cref="MaxNativeWeight"/>: those renders are
    /// computed exactly as given.
    /// </summary>
    public double LossScale
    {
        get
        {
            var style = StyleWeight * StyleLayerWeights.DefaultIfEmpty(0).Max();
            var largest = Math.Max(ContentWeight, Math.Max(style, TvWeight));
            return largest > MaxNativeWeight ? largest / MaxNativeWeight : 1.0;
        }
    }
}
