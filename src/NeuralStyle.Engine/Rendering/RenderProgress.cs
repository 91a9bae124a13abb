using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Reported after every iteration of a render. <see cref="Iteration"/> counts updates across all
/// scales of a multi-scale render (each scale's first report repeats the previous scale's count),
/// so that 0..<see cref="TotalIterations"/> drives one progress bar.
/// </summary>
public sealed record RenderProgress(
    int ScaleIndex,
    int ScaleCount,
    int Iteration,
    int TotalIterations,
    IterationLosses Losses,
    RgbImage? Snapshot)
{
    /// <summary>
    /// The image at this iteration when one was made for it: every <see cref="Snapshot"/>, and the
    /// images a caller asked for at its own interval (a worker's previews); null otherwise.
    /// </summary>
    public RgbImage? CurrentImage { get; init; }
}
