using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Worker.Tests.Support;

namespace NeuralStyle.Farm.Worker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class WorkerHeartbeatsTests(WorkerFixture fixture)
{
    [Fact]
    public async Task Each_worker_sends_heartbeats_that_show_what_it_loaded_after_a_render()
    {
        var options = new WorkerOptions { Name = "beat", Count = 2, Threads = 1, HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, options);

        await host.Events.WaitAsync(e => e.Of<WorkerHeartbeat>().Select(h => h.Worker).Distinct().Count() == 2,
            WorkerHost.RenderBound, "a heartbeat from each of the two workers");
        var first = host.Events.Of<WorkerHeartbeat>()[0];
        Assert.Equal(("cpu", 1, 1, false, null), (first.Device, first.Slots, first.Threads, first.Stopping, first.LoadedWeights));
        Assert.Empty(first.Running);
        Assert.StartsWith("beat-", first.Worker);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [fixture.Render()], 1));
        await host.Events.WaitAsync(e => e.Of<WorkerHeartbeat>().Any(h => h.LoadedWeights == fixture.WeightsSha256),
            WorkerHost.RenderBound, "a heartbeat naming the loaded weights");

        var loaded = host.Events.Of<WorkerHeartbeat>().First(h => h.LoadedWeights == fixture.WeightsSha256);
        Assert.True(loaded.LoadedConvolutions >= 4, $"{loaded.LoadedConvolutions} convolutions loaded for relu2_2");
        Assert.True(loaded.CachedTargets >= 2 && loaded.CachedTargetBytes > 0, $"{loaded.CachedTargets} targets cached");
        Assert.Contains(host.Events.Of<WorkerHeartbeat>(), h => h.Running.Contains(fixture.Render().Key()));
    }
}
