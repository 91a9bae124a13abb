namespace NeuralStyle.Engine;

/// <summary>An input file is missing, unreadable or unusable as given: a sweep spec, or an image too thin for the layers asked of it.</summary>
public sealed class InputFileException(string message) : NeuralStyleException(message)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.InputUnusable;
}
