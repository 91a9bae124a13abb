using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Sweeps;

internal sealed partial class SweepFinisher
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Grid pages of sweep {SweepId} could not be written; the sweep closes without them and they are tried again at the next start")]
    private partial void LogGridsFailed(Guid sweepId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {SweepId} could not be closed; it is tried again at the next start")]
    private partial void LogFinishFailed(Guid sweepId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} closed: {Succeeded} succeeded, {Failed} failed, {Cancelled} cancelled")]
    private partial void LogClosed(Guid sweepId, int succeeded, int failed, int cancelled);
}
