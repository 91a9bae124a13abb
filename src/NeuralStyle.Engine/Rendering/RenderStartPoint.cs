using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Where a render resumes: the image of each batch item after <see cref="Iteration"/> updates
/// (counted over all scales, as <see cref="RenderProgress.Iteration"/> counts them), read from a file.
/// </summary>
/// <remarks>
/// Iteration i of a render with N iterations per scale lies in scale <c>i / N</c>, after
/// <c>i mod N</c> of its updates: the render runs the remaining updates of that scale from the
/// given image (resized to the scale's size on decode when it is not already), then every later
/// scale as usual, and numbers its iterations from i on. The optimiser's state does not survive a
/// file: L-BFGS starts a fresh curvature history and Adam fresh moments, and the image is the
/// clamped, 8-bit one a snapshot holds, so a resumed render follows the uninterrupted one's
/// numbering, not its exact pixels.
/// </remarks>
internal sealed record RenderStartPoint(IReadOnlyList<string> Images, int Iteration)
{
    /// <summary>The scale holding <see cref="Iteration"/> and the updates of it already done; refuses an iteration outside the render.</summary>
    public (int Scale, int Done) Locate(RenderSettings settings, int batch)
    {
        var total = settings.EffectiveScales.Count * settings.Iterations;
        if (Iteration < 0 || Iteration >= total)
        {
            throw new InvalidSettingException("start_iteration",
                $"{Iteration} is outside the render: it starts from an image after 0 to {total - 1} of its {total} iterations");
        }
        if (Images.Count != batch)
        {
            throw new InvalidSettingException("start_image", $"{Images.Count} start images for a batch of {batch}");
        }
        return (Iteration / settings.Iterations, Iteration % settings.Iterations);
    }
}
