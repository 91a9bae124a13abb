using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Rendering;

/// <summary>The images where the optimisation stopped, and whether it stopped because it was cancelled.</summary>
internal sealed record OptimisationOutcome(IReadOnlyList<RgbImage> Images, bool Cancelled);
