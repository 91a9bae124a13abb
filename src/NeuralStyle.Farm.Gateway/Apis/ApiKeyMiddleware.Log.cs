using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Apis;

internal sealed partial class ApiKeyMiddleware
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Refused {Method} {Path}: no API key")]
        public static partial void KeyMissing(ILogger logger, string method, string? path);

        [LoggerMessage(2, LogLevel.Warning, "Refused {Method} {Path}: the API key is not one of the gateway's")]
        public static partial void KeyRefused(ILogger logger, string method, string? path);
    }
}
