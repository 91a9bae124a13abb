namespace NeuralStyle.Engine.Native;

/// <summary>Turns a native status into the engine's typed exceptions.</summary>
internal static class NativeResult
{
    public static void ThrowIfFailed(int status, in NativeError error)
    {
        if (status == (int)NativeStatus.Ok)
        {
            return;
        }
        var message = error.Text;
        throw (NativeStatus)status switch
        {
            NativeStatus.InvalidArgument => new InvalidSettingException("engine", message),
            NativeStatus.DeviceUnavailable => new DeviceUnavailableException(message),
            NativeStatus.ImageUnreadable => new ImageUnreadableException(message),
            NativeStatus.ImageTooLarge => new ImageTooLargeException(message),
            NativeStatus.IoError => new OutputFileException(message),
            // The estimate let it start, yet the device ran out: the same remedy, and another device may hold it.
            NativeStatus.OutOfMemory => new InsufficientDeviceMemoryException(
                $"the device ran out of memory ({message}); lower size, use shallower layers or a smaller --batch-size, or render on a device with more memory"),
            _ => new EngineFailureException($"native engine error ({(NativeStatus)status}): {message}"),
        };
    }
}
