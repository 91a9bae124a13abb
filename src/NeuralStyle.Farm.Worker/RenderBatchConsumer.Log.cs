using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Worker;

internal sealed partial class RenderBatchConsumer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} starts batch {BatchId}: {Renders} renders, attempt {Attempt}")]
    private partial void LogBatchStarted(string worker, Guid batchId, int renders, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} finished batch {BatchId}: {Succeeded} of {Renders} renders succeeded")]
    private partial void LogBatchFinished(string worker, Guid batchId, int succeeded, int renders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused malformed batch {BatchId}: {Problems}")]
    private partial void LogBatchRefused(Guid batchId, string problems);
}
