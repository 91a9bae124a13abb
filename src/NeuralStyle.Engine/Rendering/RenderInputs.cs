using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>A render's input files, hashed, and the blend weights of its style images.</summary>
internal sealed record RenderInputs(
    InputImage Content,
    IReadOnlyList<InputImage> Styles,
    IReadOnlyList<double> BlendWeights,
    int ContentWidth,
    int ContentHeight)
{
    public static RenderInputs Open(RenderRequest request)
    {
        if (request.Styles.Count == 0)
        {
            throw new InvalidSettingException("style", "needs at least one style image");
        }
        var blend = request.Settings.StyleBlendWeights
            ?? Enumerable.Repeat(1.0 / request.Styles.Count, request.Styles.Count).ToArray();
        if (blend.Count != request.Styles.Count)
        {
            throw new InvalidSettingException("style_blend_weights",
                $"{blend.Count} weights for {request.Styles.Count} style images");
        }
        var (width, height) = ImageFile.Probe(request.Content);
        foreach (var style in request.Styles)
        {
            ImageFile.Probe(style);
        }
        return new RenderInputs(InputImage.Of(request.Content), request.Styles.Select(InputImage.Of).ToArray(),
            blend, width, height);
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
