namespace NeuralStyle.Engine;

/// <summary>An output file could not be written.</summary>
public sealed class OutputFileException(string message, Exception? inner = null) : NeuralStyleException(message, inner)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.OutputUnwritable;
}
