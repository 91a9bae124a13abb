namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// A render that starts from another render's image instead of <c>init</c>: the roadmap's
/// progressive fan-out (re-render a cell at a higher resolution from its low-resolution result)
/// and resuming from a checkpoint. The image is resized to this render's size, as an init image is.
/// </summary>
/// <param name="Key">The other render's key (64 lower-case hex digits).</param>
/// <param name="Iteration">Which of its images: 0 is its initial image, k its image after k updates (its result when k is its last).</param>
public sealed record RenderStart(string Key, int Iteration);
