namespace NeuralStyle.Engine;

/// <summary>An image has more pixels than allowed; it was rejected before decoding.</summary>
public sealed class ImageTooLargeException(string message) : NeuralStyleException(message)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.ImageTooLarge;
}
