using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// A render's input files, hashed and probed once, and the blend weights of its style images
/// (normalised to sum to 1, so [1, 1] and [0.5, 0.5] are the same blend).
/// </summary>
internal sealed record RenderInputs(
    InputImage Content,
    (int Width, int Height) ContentSize,
    IReadOnlyList<InputImage> Styles,
    IReadOnlyList<(int Width, int Height)> StyleSizes,
    IReadOnlyList<double> BlendWeights)
{
    public static RenderInputs Open(RenderRequest request)
    {
        if (request.Styles.Count == 0)
        {
            throw new InvalidSettingException("style", "needs at least one style image");
        }
        var blend = request.Settings.StyleBlendWeights
            ?? Enumerable.Repeat(1.0, request.Styles.Count).ToArray();
        if (blend.Count != request.Styles.Count)
        {
            throw new InvalidSettingException("style_blend_weights",
                $"{blend.Count} weights for {request.Styles.Count} style images");
        }
        var sum = blend.Sum();
        return new RenderInputs(InputImage.Of(request.Content), ImageFile.Probe(request.Content),
            request.Styles.Select(InputImage.Of).ToArray(), request.Styles.Select(ImageFile.Probe).ToArray(),
            blend.Select(w => w / sum).ToArray());
    }

    /// <summary>The first image of the first scale, as the <c>init</c> setting says.</summary>
    public RgbImage InitialImage(RgbImage content, RenderSettings settings) => settings.Init switch
    {
        "content" => content.Clone(),
        "noise" => RgbImage.Noise(content.Width, content.Height, settings.Seed),
        "style" => ImageFile.Read(Styles[0].Path, content.Width, content.Height),
        var path => ImageFile.Read(path, content.Width, content.Height),
    };
}
