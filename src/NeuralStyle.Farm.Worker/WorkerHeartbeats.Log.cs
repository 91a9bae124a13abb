using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Worker;

internal sealed partial class WorkerHeartbeats
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker} could not publish its heartbeat")]
    private partial void LogHeartbeatFailed(string worker, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bus did not report healthy within {Seconds} s; heartbeats start anyway")]
    private partial void LogBusNotHealthy(double seconds);
}
