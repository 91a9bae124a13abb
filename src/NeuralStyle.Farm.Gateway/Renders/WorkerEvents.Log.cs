using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Renders;

internal sealed partial class WorkerEvents
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} for render {Key} attempt {Attempt} ignored: not the render's current attempt")]
    private partial void LogStale(string message, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Completion of render {Key} attempt {Attempt} discarded: the render had already succeeded")]
    private partial void LogDuplicate(string key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} with a malformed render key or hash ignored ({Key})")]
    private partial void LogMalformed(string message, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker} went silent; {Renders} running renders queued again")]
    private partial void LogWorkerLost(string worker, int renders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} was claimed by no worker in time; its {Renders} renders are queued again")]
    private partial void LogBatchLost(Guid batchId, int renders);
}
