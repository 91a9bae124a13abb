namespace NeuralStyle.Engine;

/// <summary>
/// The native engine failed in a way no input explains (out of memory, a libtorch error, a missing
/// library): <c>engine_failure</c>, which another device or worker may not repeat. A render whose
/// loss diverged is reported with this type too, for callers that catch it, but with its own code,
/// <c>render_diverged</c>: its settings cause it, so it fails the same way everywhere.
/// </summary>
public sealed class EngineFailureException(string message, Exception? inner = null) : NeuralStyleException(message, inner)
{
    /// <inheritdoc/>
    public override ErrorCode Code => IsDivergence ? ErrorCode.RenderDiverged : ErrorCode.EngineFailure;

    /// <summary>True when the render's loss became infinite or NaN (<see cref="Diverged"/>).</summary>
    public bool IsDivergence { get; private init; }

    /// <summary>A render whose loss diverged: code <c>render_diverged</c>, not retryable.</summary>
    public static EngineFailureException Diverged(string message) => new(message) { IsDivergence = true };
}
