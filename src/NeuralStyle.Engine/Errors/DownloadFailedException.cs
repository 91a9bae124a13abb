namespace NeuralStyle.Engine;

/// <summary>A download did not complete or did not match its checksum; nothing was written.</summary>
public sealed class DownloadFailedException(string message, Exception? inner = null) : NeuralStyleException(message, inner)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.DownloadFailed;
}
