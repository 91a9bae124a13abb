namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// The losses of one image in the optimisation: iteration 0 is the initial image, iteration k the
/// image after k updates. Content, style and tv are unweighted; per-layer values are the unweighted
/// terms (1/2 sum of squares for content, E_l for style); total is the weighted sum minimised.
/// </summary>
public sealed record IterationLosses(
    int Iteration,
    double Total,
    double Content,
    double Style,
    double Tv,
    IReadOnlyDictionary<string, double> ContentLayers,
    IReadOnlyDictionary<string, double> StyleLayers,
    double Seconds)
{
    /// <summary>Longest side being optimised, in multi-scale renders; null otherwise.</summary>
    public int? Scale { get; init; }
}
