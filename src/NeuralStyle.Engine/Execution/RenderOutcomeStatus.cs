namespace NeuralStyle.Engine.Execution;

/// <summary>How one job of a <see cref="RenderExecutor"/> batch ended.</summary>
public enum RenderOutcomeStatus
{
    /// <summary>Rendered to its last iteration and its result written.</summary>
    Succeeded,

    /// <summary>Failed: <see cref="RenderOutcome.Error"/> says why; whatever it wrote was discarded.</summary>
    Failed,

    /// <summary>Stopped by the executor's cancellation token, before it started or part way.</summary>
    Cancelled,
}
