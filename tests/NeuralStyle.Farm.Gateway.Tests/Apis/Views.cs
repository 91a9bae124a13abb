using System.Text.Json;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>Small views and events for tests.</summary>
internal static class Views
{
    public static readonly string Key = new('c', 64);

    public static SweepView Sweep(Guid id, SweepStatus status = SweepStatus.Running, params GridPageView[] grids) =>
        new(id, "alpha over beta", status, DateTimeOffset.UnixEpoch, new SweepCounts(1, 1, 0, 0, 0),
            [new RenderView(Key, FarmRenderStatus.Running) { Index = 0, Losses = new RenderLosses(double.NaN, 1, double.PositiveInfinity, 0) }],
            grids);

    public static FarmEvent Event(long id, Guid sweepId, string type = FarmEventTypes.RenderProgressed) =>
        new(id, type, DateTimeOffset.UnixEpoch.AddSeconds(id), sweepId, Key, JsonDocument.Parse($"{{\"iteration\":{id}}}").RootElement);
}
