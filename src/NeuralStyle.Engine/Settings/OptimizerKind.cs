namespace NeuralStyle.Engine.Settings;

/// <summary>The optimiser that updates the pixels (setting <c>optimizer</c>).</summary>
public enum OptimizerKind
{
    /// <summary>L-BFGS without line search, one step per iteration, as torch.optim.LBFGS(max_iter=1).</summary>
    Lbfgs,

    /// <summary>Adam with torch's default betas.</summary>
    Adam,
}
