using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// The settings of a portable render: the engine's settings (same JSON names, same defaults)
/// without what belongs to a host. <c>weights</c> is an input named by hash on
/// <see cref="PortableRender"/>; <c>device</c> is the worker's; <c>init</c> names an image by
/// <c>sha256:</c> and its hash, never by path. Every default here is a constant, not read from the
/// environment, so a render means the same on every machine. Null means "derived from the
/// others", as in the engine; the engine's converter writes every value explicitly.
/// </summary>
public sealed record PortableSettings
{
    /// <summary>Prefix of an <see cref="Init"/> that names an image by its SHA-256.</summary>
    public const string InitImagePrefix = "sha256:";

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
    public IReadOnlyList<string> StyleLayers { get; init; } = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"];

    /// <summary>w_l per style layer. Null: equal, summing to 1.</summary>
    public IReadOnlyList<double>? StyleLayerWeights { get; init; }

    /// <summary>Longest side of the result in pixels; the content image sets the aspect.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Optimiser updates (per scale when <see cref="Scales"/> is set).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>lbfgs or adam.</summary>
    public PortableOptimizer Optimizer { get; init; } = PortableOptimizer.Lbfgs;

    /// <summary>Step size. Null: 1 for lbfgs, 0.02 for adam.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The first image: <c>content</c>, <c>noise</c>, <c>style</c>, or <c>sha256:</c> and an image's hash.</summary>
    public string Init { get; init; } = "content";

    /// <summary>max or avg.</summary>
    public PortablePooling Pooling { get; init; } = PortablePooling.Max;

    /// <summary>Seed of the noise initialisation.</summary>
    public long Seed { get; init; }

    /// <summary>Keep an intermediate image every N iterations; 0 never. Not part of the render's key.</summary>
    public int SaveEvery { get; init; }

    /// <summary>The style image's longest side relative to <see cref="Size"/>.</summary>
    public double StyleScale { get; init; } = 1.0;

    /// <summary>One weight per style image when several are blended. Null: equal.</summary>
    public IReadOnlyList<double>? StyleBlendWeights { get; init; }

    /// <summary>Keep the content image's colours; only luminance is stylised.</summary>
    public bool OriginalColors { get; init; }

    /// <summary>Multi-scale schedule of longest sides, each starting from the previous result. Null: just <see cref="Size"/>.</summary>
    public IReadOnlyList<int>? Scales { get; init; }

    /// <summary>The hash <see cref="Init"/> names, or null for content, noise and style.</summary>
    [JsonIgnore]
    public string? InitImageSha256 =>
        Init is { } init && init.StartsWith(InitImagePrefix, StringComparison.Ordinal) ? init[InitImagePrefix.Length..] : null;
}
