using System.Text.Json.Serialization;

namespace NeuralStyle.Engine.Settings;

/// <summary>
/// Every setting of one render. Property names are the settings' names in PascalCase; the CLI
/// option (<c>--style-weight</c>), the sweep-spec key and the JSON field (<c>style_weight</c>) are
/// the same word. Null means "derived from the others"; <see cref="Resolve"/> fills those in.
/// </summary>
public sealed record RenderSettings
{
    /// <summary>The style layers of Gatys et al.</summary>
    public static readonly IReadOnlyList<string> DefaultStyleLayers = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"];

    /// <summary>alpha. Null: <c>alpha_beta x style_weight</c> when alpha_beta is set, else 1.</summary>
    public double? ContentWeight { get; init; }

    /// <summary>beta.</summary>
    public double StyleWeight { get; init; } = 1000;

    /// <summary>alpha/beta; when set, alpha = alpha_beta x beta.</summary>
    public double? AlphaBeta { get; init; }

    /// <summary>Weight of the total-variation smoothness term.</summary>
    public double TvWeight { get; init; }

    /// <summary>Layers whose features are matched to the content image.</summary>
    public IReadOnlyList<string> ContentLayers { get; init; } = ["relu4_2"];

    /// <summary>Layers whose Gram matrices are matched to the style image.</summary>
    public IReadOnlyList<string> StyleLayers { get; init; } = DefaultStyleLayers;

    /// <summary>w_l per style layer. Null: equal, summing to 1.</summary>
    public IReadOnlyList<double>? StyleLayerWeights { get; init; }

    /// <summary>Longest side of the result in pixels; the content image sets the aspect.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Optimiser updates (per scale when <see cref="Scales"/> is set).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>lbfgs or adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Lbfgs;

    /// <summary>Step size. Null: 1 for lbfgs, 0.02 for adam (pixels are in [0, 1]).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The first image: content, noise, style, or a path to an image.</summary>
    public string Init { get; init; } = "content";

    /// <summary>max or avg.</summary>
    public PoolingKind Pooling { get; init; } = PoolingKind.Max;

    /// <summary>Seed of the noise initialisation.</summary>
    public long Seed { get; init; }

    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Write an intermediate image every N iterations; 0 never.</summary>
    public int SaveEvery { get; init; }

    /// <summary>Path of the VGG-19 safetensors file.</summary>
    public string Weights { get; init; } = WeightsLocation.Default;

    /// <summary>The style image's longest side relative to <see cref="Size"/>.</summary>
    public double StyleScale { get; init; } = 1.0;

    /// <summary>One weight per style image when several are blended. Null: equal, summing to 1.</summary>
    public IReadOnlyList<double>? StyleBlendWeights { get; init; }

    /// <summary>Keep the content image's colours; only luminance is stylised.</summary>
    public bool OriginalColors { get; init; }

    /// <summary>Multi-scale schedule of longest sides, each starting from the previous result. Null: just <see cref="Size"/>.</summary>
    public IReadOnlyList<int>? Scales { get; init; }

    /// <summary>The weight alpha actually used.</summary>
    [JsonIgnore]
    public double EffectiveContentWeight => ContentWeight ?? (AlphaBeta is { } ratio ? ratio * StyleWeight : 1.0);

    /// <summary>The learning rate actually used.</summary>
    [JsonIgnore]
    public double EffectiveLearningRate => LearningRate ?? (Optimizer == OptimizerKind.Adam ? 0.02 : 1.0);

    /// <summary>The style layer weights actually used.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> EffectiveStyleLayerWeights =>
        StyleLayerWeights ?? Enumerable.Repeat(1.0 / StyleLayers.Count, StyleLayers.Count).ToArray();

    /// <summary>The sizes rendered in order; the last is the result's.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> EffectiveScales => Scales ?? [Size];

    /// <summary>The style image's longest side for a result whose longest side is <paramref name="size"/>.</summary>
    public int StyleSizeFor(int size) => (int)Math.Round(size * StyleScale, MidpointRounding.AwayFromZero);

    /// <summary>A copy with every derived value made explicit: what outputs record.</summary>
    public RenderSettings Resolve() => this with
    {
        ContentWeight = EffectiveContentWeight,
        LearningRate = EffectiveLearningRate,
        StyleLayerWeights = EffectiveStyleLayerWeights,
        Size = EffectiveScales[^1],
    };
}
