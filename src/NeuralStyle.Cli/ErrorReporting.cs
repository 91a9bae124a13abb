using NeuralStyle.Engine;

namespace NeuralStyle.Cli;

/// <summary>The one place where an exception becomes a message on stderr and an exit code.</summary>
internal static class ErrorReporting
{
    public static int Report(Exception exception, TextWriter error)
    {
        var (code, prefix) = exception switch
        {
            InvalidSettingException => (ExitCodes.InvalidUsage, "invalid setting"),
            SweepSpecException => (ExitCodes.InvalidUsage, "invalid sweep"),
            ImageUnreadableException or ImageTooLargeException or WeightsFileException or InputFileException => (ExitCodes.InputError, "input error"),
            DeviceUnavailableException => (ExitCodes.DeviceUnavailable, "device unavailable"),
            InsufficientDeviceMemoryException => (ExitCodes.DeviceUnavailable, "not enough memory"),
            OutputFileException => (ExitCodes.OutputError, "output error"),
            DownloadFailedException => (ExitCodes.DownloadFailed, "download failed"),
            NeuralStyleException => (ExitCodes.EngineFailure, "engine error"),
            OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
            _ => (ExitCodes.EngineFailure, "unexpected error"),
        };
        error.WriteLine($"nsf: {prefix}: {exception.Message}");
        if (exception is not NeuralStyleException and not OperationCanceledException)
        {
            error.WriteLine(exception.StackTrace);
        }
        return code;
    }
}
