namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// What a job computes. Only pixel optimisation exists today; the discriminator is there so that
/// other jobs (training a feed-forward style network, on the roadmap) are new kinds with their own
/// settings, not a reinterpretation of these. JSON: <c>pixel_optimisation</c>.
/// </summary>
public enum JobKind
{
    /// <summary>Gatys et al.: optimise the pixels of one image against content and style targets.</summary>
    PixelOptimisation,
}
