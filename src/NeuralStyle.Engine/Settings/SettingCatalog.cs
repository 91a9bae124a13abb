namespace NeuralStyle.Engine.Settings;

/// <summary>
/// The one list of settings. The CLI builds its options from it, the sweep spec and JSON read
/// their keys through it, and the README documents it, so a name cannot drift between them.
/// </summary>
public static class SettingCatalog
{
    /// <summary>Every setting in the order the help lists them.</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new("content_weight", "alpha: weight of the content loss", "1, or alpha_beta x style_weight",
            (s, v) => s with { ContentWeight = v.Double("content_weight"), AlphaBeta = null }),
        new("style_weight", "beta: weight of the style loss", "1000",
            (s, v) => s with { StyleWeight = v.Double("style_weight") }),
        new("alpha_beta", "content/style ratio alpha/beta; sets content_weight = alpha_beta x style_weight", "unset",
            (s, v) => s with { AlphaBeta = v.Double("alpha_beta"), ContentWeight = null }),
        new("tv_weight", "weight of the total-variation smoothness loss", "0",
            (s, v) => s with { TvWeight = v.Double("tv_weight") }),
        new("content_layers", "VGG-19 layers matched to the content image", "relu4_2",
            (s, v) => s with { ContentLayers = v.List("content_layers") }),
        new("style_layers", "VGG-19 layers whose Gram matrices are matched to the style", string.Join(",", RenderSettings.DefaultStyleLayers),
            (s, v) => s with { StyleLayers = v.List("style_layers") }),
        new("style_layer_weights", "w_l, one per style layer", "equal, summing to 1",
            (s, v) => s with { StyleLayerWeights = v.Doubles("style_layer_weights") }),
        new("size", "longest side of the result in pixels", "256",
            (s, v) => s with { Size = v.Int("size"), Scales = null }),
        new("iterations", "optimiser updates (per scale with scales)", "300",
            (s, v) => s with { Iterations = v.Int("iterations") }),
        new("optimizer", "lbfgs or adam", "lbfgs",
            (s, v) => s with { Optimizer = v.Enum<OptimizerKind>("optimizer") }),
        new("learning_rate", "optimiser step size", "1 for lbfgs, 0.02 for adam",
            (s, v) => s with { LearningRate = v.Double("learning_rate") }),
        new("init", "first image: content, noise, style, or a path to an image", "content",
            (s, v) => s with { Init = v.Single("init") }),
        new("pooling", "max or avg", "max",
            (s, v) => s with { Pooling = v.Enum<PoolingKind>("pooling") }),
        new("seed", "seed of the noise initialisation", "0",
            (s, v) => s with { Seed = v.Long("seed") }),
        new("device", "cpu, cuda or cuda:N", "cpu",
            (s, v) => s with { Device = v.Single("device") }),
        new("save_every", "write an intermediate image every N iterations (0: never)", "0",
            (s, v) => s with { SaveEvery = v.Int("save_every") }),
        new("weights", "VGG-19 .safetensors file (torchvision key names)", "$NSF_WEIGHTS or ~/.cache/neuralstyle-farm/vgg19.tv_in1k.safetensors",
            (s, v) => s with { Weights = v.Single("weights") }),
        new("style_scale", "style image's longest side relative to size", "1",
            (s, v) => s with { StyleScale = v.Double("style_scale") }),
        new("style_blend_weights", "one weight per style image when several are given", "equal, summing to 1",
            (s, v) => s with { StyleBlendWeights = v.Doubles("style_blend_weights") }),
        new("original_colors", "keep the content image's colours (true/false)", "false",
            (s, v) => s with { OriginalColors = v.Bool("original_colors") }, IsFlag: true),
        new("scales", "multi-scale schedule of sizes, e.g. 256,512; each starts from the previous result; the last is the result's size", "unset (just size)",
            (s, v) => v.Ints("scales") is var scales && scales.Count > 0 ? s with { Scales = scales, Size = scales[^1] } : s with { Scales = scales }),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByName =
        All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The definition of <paramref name="name"/>; unknown names fail listing the known ones.</summary>
    public static SettingDefinition Find(string name) =>
        ByName.TryGetValue(name, out var definition)
            ? definition
            : throw new InvalidSettingException(name, $"unknown setting. Known settings: {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>True when <paramref name="name"/> is a setting.</summary>
    public static bool Contains(string name) => ByName.ContainsKey(name);

    /// <summary>
    /// Applies one source of raw values (a spec's settings, the command line, an axis point) in
    /// order, then validates unless more sources follow (<paramref name="validate"/> false).
    /// content_weight and alpha_beta both set alpha: a later source's one replaces an earlier
    /// source's other, but one source giving both is ambiguous. size and scales both set the
    /// result's size (the last of scales) the same way: a later source's size replaces an earlier
    /// source's scales, and one source may give both only when they agree.
    /// </summary>
    public static RenderSettings Apply(RenderSettings settings, IEnumerable<KeyValuePair<string, SettingValue>> values,
        bool validate = true)
    {
        var given = values.ToArray();
        if (given.Any(v => v.Key == "content_weight") && given.Any(v => v.Key == "alpha_beta"))
        {
            throw new InvalidSettingException("alpha_beta", "set either content_weight or alpha_beta, not both");
        }
        // scales last: applying size clears an earlier source's scales, not this source's.
        foreach (var (name, value) in given.OrderBy(v => v.Key == "scales"))
        {
            settings = Find(name).Apply(settings, value);
        }
        var size = given.Where(v => v.Key == "size").Select(v => v.Value).LastOrDefault();
        if (size is not null && given.Any(v => v.Key == "scales") && settings.Scales is { Count: > 0 } scales
            && size.Int("size") != scales[^1])
        {
            throw new InvalidSettingException("scales",
                $"size {size} disagrees with scales {string.Join(",", scales)}, whose last is the result's size; give one of them");
        }
        if (validate)
        {
            RenderSettingsValidator.Validate(settings);
        }
        return settings;
    }
}
