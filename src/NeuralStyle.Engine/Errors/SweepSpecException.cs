namespace NeuralStyle.Engine;

/// <summary>A sweep spec is malformed, names unknown keys, has an empty axis or exceeds the size limit.</summary>
public sealed class SweepSpecException(string message) : NeuralStyleException(message)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.InvalidSweep;
}
