namespace NeuralStyle.Engine;

/// <summary>The VGG-19 weights file is missing, malformed, or lacks a tensor of the right shape.</summary>
public sealed class WeightsFileException(string message, Exception? inner = null) : NeuralStyleException(message, inner)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.WeightsInvalid;
}
