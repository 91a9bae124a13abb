using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>How one job ended, as its sink hears it and <see cref="RenderExecutor.RunAsync"/> returns it.</summary>
/// <param name="Job">The job.</param>
/// <param name="Status">Succeeded, failed or cancelled.</param>
public sealed record RenderOutcome(RenderJob Job, RenderOutcomeStatus Status)
{
    /// <summary>The image and trace: the result, or where a cancelled render stopped; null when it failed or never started.</summary>
    public RenderResult? Result { get; init; }

    /// <summary>Where the result was written; null unless it succeeded (or was cancelled by an executor that keeps cancelled renders).</summary>
    public RenderArtifact? Artifact { get; init; }

    /// <summary>Why it failed (an <see cref="ErrorCatalog"/> code); null unless it failed.</summary>
    public RenderError? Error { get; init; }

    /// <summary>The exception it failed with, for hosts that report exceptions themselves (the CLI); null unless it failed.</summary>
    public Exception? Exception { get; init; }

    /// <summary>False for a job cancelled before its optimisation began (it can simply run later).</summary>
    public bool Started { get; init; }

    /// <summary>Wall time of the batch that ran it, render and writes included up to its own.</summary>
    public double Seconds { get; init; }

    /// <summary>Renders optimised together with it (1: solo, as every retry is).</summary>
    public int BatchSize { get; init; }
}
