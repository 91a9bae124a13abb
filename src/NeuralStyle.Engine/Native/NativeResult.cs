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
            NativeStatus.OutOfMemory => new EngineFailureException($"out of memory: {message}"),
            _ => new EngineFailureException($"native engine error ({(NativeStatus)status}): {message}"),
        };
    }
}
