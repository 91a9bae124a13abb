using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>What every image of a batch shares.</summary>
internal sealed record OptimisationOptions(
    int Iterations,
    OptimizerKind Optimizer,
    PoolingKind Pooling,
    double LearningRate,
    int SnapshotEvery)
{
    /// <summary>History of L-BFGS, as torch's default.</summary>
    public const int LbfgsHistory = 100;
}
