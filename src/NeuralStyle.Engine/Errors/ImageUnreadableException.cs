namespace NeuralStyle.Engine;

/// <summary>An image file is missing, unreadable or not an image the decoder understands.</summary>
public sealed class ImageUnreadableException(string message) : NeuralStyleException(message)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.ImageUnreadable;
}
