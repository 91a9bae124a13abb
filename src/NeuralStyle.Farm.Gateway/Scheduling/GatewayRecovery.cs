using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Renders;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Submission;
using NeuralStyle.Farm.Gateway.Sweeps;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// What a start does before the first dispatch: renders left running by the last process go back to
/// the queue (their attempt is not counted as a failure; their late events are stale), sweeps whose
/// cells all finished but that were not closed (grids, closing event) are handed to the finisher,
/// the default weights are registered in the background, and the gateway reports ready.
/// </summary>
internal sealed partial class GatewayRecovery(
    FarmDatabase database,
    RenderRepository renders,
    SweepRepository sweeps,
    EventRepository events,
    SweepFinisher finisher,
    DefaultWeights defaultWeights,
    FarmHealth health,
    GatewayInstruments instruments,
    ILogger<GatewayRecovery> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var requeued = await database.WriteAsync(async write =>
        {
            var keys = await renders.RequeueRunningAsync(write);
            foreach (var key in keys)
            {
                await events.AppendAsync(write, FarmEventTypes.RenderQueued, null, key, RenderViews.Of((await renders.GetAsync(write, key))!));
            }
            return keys;
        }, cancellationToken);
        if (requeued.Count > 0)
        {
            LogRequeued(requeued.Count);
            instruments.RenderRequeued("restart", requeued.Count);
        }
        var unclosed = await sweeps.UnclosedAsync(cancellationToken);
        finisher.Enqueue(unclosed);
        if (defaultWeights.Configured)
        {
            _ = RegisterDefaultWeightsAsync();
        }
        health.Ready();
        LogStarted(database.FilePath, database.SchemaVersion, requeued.Count, unclosed.Count);
    }

    private async Task RegisterDefaultWeightsAsync()
    {
        try
        {
            LogDefaultWeights(await defaultWeights.Sha256Async(CancellationToken.None));
        }
        catch (FarmRequestException e)
        {
            LogDefaultWeightsFailed(e.Message);
        }
    }
}
