using System.Text.RegularExpressions;
using NeuralStyle.Engine.Layers;

namespace NeuralStyle.Engine.Settings;

/// <summary>Checks ranges and the rules between settings before anything is loaded or rendered.</summary>
public static partial class RenderSettingsValidator
{
    /// <summary>Smallest longest side: VGG-19 halves the image four times before relu5_1.</summary>
    public const int MinSize = 32;

    /// <summary>Largest longest side.</summary>
    public const int MaxSize = 8192;

    /// <summary>Most iterations of one render (per scale).</summary>
    public const int MaxIterations = 100_000;

    /// <summary>
    /// Largest loss weight. The engine computes in float32, where a loss weighted this much
    /// would overflow squared gradients; weights above 1e6 are therefore scaled down together
    /// before they reach it (see <c>OptimisationItem.LossScale</c>), which the optimisers do not
    /// notice, and this bound keeps reported totals and weight ratios far from float32's limits.
    /// </summary>
    public const double MaxWeight = 1e12;

    /// <summary>Largest learning rate, for the same reason.</summary>
    public const double MaxLearningRate = 1e3;

    /// <summary>Throws one <see cref="InvalidSettingException"/> naming the first broken rule.</summary>
    public static void Validate(RenderSettings s)
    {
        NonNegative("content_weight", s.ContentWeight);
        NonNegative("style_weight", s.StyleWeight);
        NonNegative("alpha_beta", s.AlphaBeta);
        NonNegative("tv_weight", s.TvWeight);
        // Both may be present only as resolved outputs record them: alpha equal to alpha_beta x beta.
        if (s.ContentWeight is { } alpha && s.AlphaBeta is { } ratio
            && Math.Abs(alpha - ratio * s.StyleWeight) > 1e-9 * Math.Max(Math.Abs(alpha), 1e-300))
        {
            throw new InvalidSettingException("alpha_beta", "set either content_weight or alpha_beta, not both");
        }
        Layers("content_layers", s.ContentLayers);
        Layers("style_layers", s.StyleLayers);
        if (s.StyleLayerWeights is { } layerWeights)
        {
            Weights("style_layer_weights", layerWeights);
            if (layerWeights.Count != s.StyleLayers.Count)
            {
                throw new InvalidSettingException("style_layer_weights",
                    $"{layerWeights.Count} weights for {s.StyleLayers.Count} style layers ({string.Join(", ", s.StyleLayers)})");
            }
        }
        // With scales, size is their last (SettingCatalog keeps them in step): name the setting given.
        if (s.Scales is null)
        {
            Size("size", s.Size);
        }
        foreach (var scale in s.Scales ?? [])
        {
            Size("scales", scale);
        }
        if (s.Scales is { Count: 0 })
        {
            throw new InvalidSettingException("scales", "needs at least one size");
        }
        if (s.Iterations is < 1 or > MaxIterations)
        {
            throw new InvalidSettingException("iterations", $"{s.Iterations} is out of range 1..{MaxIterations}");
        }
        if (s.LearningRate is { } rate && !(double.IsFinite(rate) && rate > 0 && rate <= MaxLearningRate))
        {
            throw new InvalidSettingException("learning_rate", $"{rate} must be a positive number up to {MaxLearningRate:G}");
        }
        if (s.EffectiveContentWeight > MaxWeight)
        {
            throw new InvalidSettingException(s.AlphaBeta is null ? "content_weight" : "alpha_beta",
                $"makes alpha {s.EffectiveContentWeight:G4}, above {MaxWeight:G3}");
        }
        if (s.Init is not ("content" or "noise" or "style") && !File.Exists(s.Init))
        {
            throw new InvalidSettingException("init", $"'{s.Init}' is neither content, noise, style nor an existing image file");
        }
        if (!DevicePattern().IsMatch(s.Device))
        {
            throw new InvalidSettingException("device", $"'{s.Device}' is not cpu, cuda or cuda:N");
        }
        if (s.SaveEvery < 0)
        {
            throw new InvalidSettingException("save_every", $"{s.SaveEvery} must be 0 (never) or a positive number of iterations");
        }
        if (string.IsNullOrWhiteSpace(s.Weights))
        {
            throw new InvalidSettingException("weights", "needs a path to a VGG-19 .safetensors file");
        }
        if (!(double.IsFinite(s.StyleScale) && s.StyleScale > 0))
        {
            throw new InvalidSettingException("style_scale", $"{s.StyleScale} must be a positive number");
        }
        foreach (var scale in s.EffectiveScales)
        {
            var styleSize = s.StyleSizeFor(scale);
            if (styleSize is < MinSize or > MaxSize)
            {
                throw new InvalidSettingException("style_scale",
                    $"style_scale {s.StyleScale} makes the style image {styleSize} px at size {scale}, outside {MinSize}..{MaxSize}");
            }
        }
        if (s.StyleBlendWeights is { } blend)
        {
            Weights("style_blend_weights", blend);
        }
    }

    private static void NonNegative(string name, double? value)
    {
        if (value is { } v && !(double.IsFinite(v) && v >= 0))
        {
            throw new InvalidSettingException(name, $"{v} must be a finite number >= 0");
        }
        if (value > MaxWeight)
        {
            throw new InvalidSettingException(name, $"{value} is above {MaxWeight:G3}: the engine computes in float32");
        }
    }

    private static void Weights(string name, IReadOnlyList<double> weights)
    {
        foreach (var weight in weights)
        {
            NonNegative(name, weight);
        }
        if (weights.Sum() <= 0)
        {
            throw new InvalidSettingException(name, "at least one weight must be positive");
        }
    }

    private static void Layers(string name, IReadOnlyList<string> layers)
    {
        if (layers.Count == 0)
        {
            throw new InvalidSettingException(name, "needs at least one layer");
        }
        foreach (var layer in layers)
        {
            VggLayers.IndexOf(layer, name);
        }
        if (layers.Distinct().Count() != layers.Count)
        {
            throw new InvalidSettingException(name, $"lists a layer twice: {string.Join(", ", layers)}");
        }
    }

    private static void Size(string name, int size)
    {
        if (size is < MinSize or > MaxSize)
        {
            throw new InvalidSettingException(name, $"{size} px is out of range {MinSize}..{MaxSize}");
        }
    }

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
