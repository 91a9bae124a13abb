using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
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
        var inputs = new RenderInputs(InputImage.Of(request.Content), ImageFile.Probe(request.Content),
            request.Styles.Select(InputImage.Of).ToArray(), request.Styles.Select(ImageFile.Probe).ToArray(),
            blend.Select(w => w / sum).ToArray());
        inputs.RequireReachableLayers(request.Settings);
        return inputs;
    }

    /// <summary>
    /// Each pooling halves the image (rounding down), so a layer after p poolings needs a short
    /// side of 2^p px. The generated image has the content's shape and goes through every layer;
    /// a style image through the style layers. A very wide or tall image fails here, named, rather
    /// than deep in the engine.
    /// </summary>
    private void RequireReachableLayers(RenderSettings settings)
    {
        var all = settings.ContentLayers.Concat(settings.StyleLayers).ToArray();
        foreach (var size in settings.EffectiveScales)
        {
            RequireReachable("content image", Content.Path, ContentSize, size, all);
            for (var i = 0; i < Styles.Count; i++)
            {
                RequireReachable("style image", Styles[i].Path, StyleSizes[i], settings.StyleSizeFor(size), settings.StyleLayers);
            }
        }
    }

    private static void RequireReachable(string role, string path, (int Width, int Height) original, int size,
        IReadOnlyList<string> layers)
    {
        var deepest = layers.MaxBy(l => VggLayers.IndexOf(l, "layers"))!;
        var poolings = VggLayers.Names.Take(VggLayers.IndexOf(deepest, "layers")).Count(n => n.StartsWith("pool", StringComparison.Ordinal));
        var needed = 1 << poolings;
        var (width, height) = ImageSizing.FitLongestSide(original.Width, original.Height, size);
        var shortSide = Math.Min(width, height);
        if (shortSide < needed)
        {
            throw new InputFileException(
                $"{role} '{path}' is {original.Width}x{original.Height}: at {size} px on its long side its short side is {shortSide} px, " +
                $"and layer {deepest} (after {poolings} poolings) needs a short side of at least {needed} px; " +
                "use an image closer to square, a larger size or shallower layers");
        }
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
