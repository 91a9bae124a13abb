using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Scheduling;

internal sealed partial class GatewayRecovery
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Renders} renders left running by the last start queued again")]
    private partial void LogRequeued(int renders);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway store {Database} open at schema {Version}; {Requeued} renders queued again, {Unclosed} sweeps to close")]
    private partial void LogStarted(string database, int version, int requeued, int unclosed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default weights registered as {Sha256}")]
    private partial void LogDefaultWeights(string sha256);

    [LoggerMessage(Level = LogLevel.Error, Message = "Default weights unusable: {Problem}; specs must name their weights")]
    private partial void LogDefaultWeightsFailed(string problem);
}
