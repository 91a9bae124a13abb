namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// The engine's resolved <c>RenderSettings</c> as <c>RenderKey.Of</c> serialises them: the same
/// properties in the same order with the same types, weights and device blank and save_every 0.
/// The key hashes this JSON, so any change here (a property, its order, its type) changes every
/// key; the engine's tests check it against <c>RenderKey.Of</c>.
/// </summary>
internal sealed record RenderKeyIdentity
{
    public required double ContentWeight { get; init; }

    public required double StyleWeight { get; init; }

    public required double? AlphaBeta { get; init; }

    public required double TvWeight { get; init; }

    public required IReadOnlyList<string> ContentLayers { get; init; }

    public required IReadOnlyList<string> StyleLayers { get; init; }

    public required IReadOnlyList<double> StyleLayerWeights { get; init; }

    public required int Size { get; init; }

    public required int Iterations { get; init; }

    public required PortableOptimizer Optimizer { get; init; }

    public required double LearningRate { get; init; }

    public required string Init { get; init; }

    public required PortablePooling Pooling { get; init; }

    public required long Seed { get; init; }

    public string Device { get; init; } = "";

    public int SaveEvery { get; init; }

    public string Weights { get; init; } = "";

    public required double StyleScale { get; init; }

    public required IReadOnlyList<double>? StyleBlendWeights { get; init; }

    public required bool OriginalColors { get; init; }

    public required IReadOnlyList<int>? Scales { get; init; }
}
