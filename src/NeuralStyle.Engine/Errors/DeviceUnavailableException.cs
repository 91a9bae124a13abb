namespace NeuralStyle.Engine;

/// <summary>The requested device (for example <c>cuda:0</c>) is not available to this build or machine.</summary>
public sealed class DeviceUnavailableException(string message) : NeuralStyleException(message)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.DeviceUnavailable;
}
