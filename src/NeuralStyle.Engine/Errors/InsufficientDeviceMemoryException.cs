namespace NeuralStyle.Engine;

/// <summary>
/// A render needs more memory than its device has available; refused before any work. Another
/// device with more memory may take it.
/// </summary>
public sealed class InsufficientDeviceMemoryException(string message) : NeuralStyleException(message)
{
    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.DeviceOutOfMemory;
}
