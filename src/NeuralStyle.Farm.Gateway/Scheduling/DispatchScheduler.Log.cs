using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Scheduling;

internal sealed partial class DispatchScheduler
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} of {Renders} renders could not be sent; its renders are queued again")]
    private partial void LogSendFailed(Guid batchId, int renders, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduling pass failed; the next wake-up tries again")]
    private partial void LogPassFailed(Exception exception);
}
