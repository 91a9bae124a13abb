using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Rendering;

/// <summary>One image of a batched optimisation: its own weights and starting image.</summary>
internal sealed record OptimisationItem(
    double ContentWeight,
    double StyleWeight,
    double TvWeight,
    IReadOnlyList<double> StyleLayerWeights,
    RgbImage Initial);
