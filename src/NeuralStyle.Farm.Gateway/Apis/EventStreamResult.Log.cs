using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Apis;

internal sealed partial class EventStreamResult
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Event stream {Path} ended after {Events} events")]
        public static partial void StreamEnded(ILogger logger, string? path, int events);

        [LoggerMessage(2, LogLevel.Debug, "Client of event stream {Path} went away after {Events} events")]
        public static partial void ClientLeft(ILogger logger, string? path, int events);
    }
}
