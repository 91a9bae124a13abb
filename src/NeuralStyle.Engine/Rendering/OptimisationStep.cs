using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Rendering;

/// <summary>One iteration of a batch: each item's losses, and its image when a snapshot was asked for.</summary>
internal sealed record OptimisationStep(
    int Iteration,
    IReadOnlyList<IterationLosses> Losses,
    IReadOnlyList<RgbImage>? Snapshots);
