namespace NeuralStyle.Farm.Contracts;

/// <summary>The optimiser that updates the pixels (setting <c>optimizer</c>): <c>lbfgs</c> or <c>adam</c>.</summary>
public enum PortableOptimizer
{
    /// <summary>L-BFGS without line search, one step per iteration.</summary>
    Lbfgs,

    /// <summary>Adam with torch's default betas.</summary>
    Adam,
}
