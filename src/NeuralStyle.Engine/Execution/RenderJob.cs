using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>
/// One render for a <see cref="RenderExecutor"/>: what to render, a name that its sink and
/// artifact store know it by, and optionally a place to resume from.
/// </summary>
/// <param name="Id">
/// Unique among the jobs the executor runs with one artifact store (the render key in the farm, the
/// point index in a sweep); stores track what they wrote per id.
/// </param>
/// <param name="Request">The render.</param>
public sealed record RenderJob(string Id, RenderRequest Request)
{
    /// <summary>
    /// An image file to start from instead of the <c>init</c> image: the render's image after
    /// <see cref="StartIteration"/> updates (a save_every snapshot, a checkpoint). Null: start from <c>init</c>.
    /// </summary>
    /// <remarks>
    /// The optimisation runs the updates left after <see cref="StartIteration"/> and numbers its
    /// iterations from there. In a multi-scale render iteration i lies in scale <c>i / iterations</c>:
    /// the rest of that scale runs from this image (resized to the scale's size), then the later
    /// scales as usual. The optimiser's state is not in a file, so L-BFGS restarts its history (and
    /// Adam its moments) at the start: a resumed render keeps the uninterrupted one's iteration
    /// numbering, not its exact pixels. Every job of a batch resumes at the same iteration.
    /// </remarks>
    public string? StartImagePath { get; init; }

    /// <summary>Updates already done (all scales counted) when the render starts from <see cref="StartImagePath"/>; 0 otherwise.</summary>
    public int StartIteration { get; init; }

    /// <summary>Extra PNG text chunks for the result (a sweep's grid coordinates), beside the render's own metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
