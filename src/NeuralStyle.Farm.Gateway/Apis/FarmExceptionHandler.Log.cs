using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Apis;

internal sealed partial class FarmExceptionHandler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed")]
        public static partial void Failed(ILogger logger, Exception exception, string method, string? path);

        [LoggerMessage(2, LogLevel.Debug, "{Method} {Path} refused with {Status}: {Detail}")]
        public static partial void Refused(ILogger logger, string method, string? path, int status, string? detail);
    }
}
