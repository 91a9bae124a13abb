using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Scheduling;

public sealed class DispatchSchedulerTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private GatewayHarness _gateway = null!;
    private TestInputs _inputs = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHarness.StartAsync(_data.Path);
        _inputs = await TestInputs.UploadAsync(_gateway.Farm, _data.Path);
    }

    [Fact]
    public async Task A_small_sweep_submitted_after_a_large_one_is_dispatched_long_before_the_large_one_ends()
    {
        var large = await SubmitAsync("\"alpha_beta\": [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000], \"seed\": [" +
            string.Join(", ", Enumerable.Range(1, 40)) + "]");
        var small = await SubmitAsync("\"seed\": [101, 102, 103, 104]");
        var smallKeys = await KeysAsync(small.Id);
        Assert.Equal((400, 4), (large.Renders, small.Renders));

        _gateway.Heartbeat(slots: 1);
        var largeRendersDispatched = 0;
        var smallRendersLeft = smallKeys.Count;
        while (smallRendersLeft > 0)
        {
            var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "one slot: the next batch after the last completed");
            var keys = batch.Renders.Select(r => r.Key()).ToArray();
            smallRendersLeft -= keys.Count(smallKeys.Contains);
            largeRendersDispatched += keys.Count(k => !smallKeys.Contains(k));
            await _gateway.CompleteAsync(batch);
        }

        Assert.True(largeRendersDispatched <= 8, $"the small sweep should be served in the first turns; {largeRendersDispatched} large renders went first");
        await _gateway.WaitForEventAsync(small.Id, FarmEventTypes.SweepCompleted);
        var largeView = (await _gateway.Farm.GetSweepAsync(large.Id, CancellationToken.None))!;
        Assert.Equal(SweepStatus.Running, largeView.Status);
        Assert.True(largeView.Counts.Queued >= 390, $"the large sweep should have barely started, has {largeView.Counts.Queued} queued");
    }

    [Fact]
    public async Task Compatible_renders_of_a_sweep_go_together_up_to_the_batch_size_and_incompatible_ones_apart()
    {
        var sweep = await SubmitAsync("\"size\": [32, 40], \"style_weight\": [1, 2, 3, 4, 5]");
        var views = (await _gateway.Farm.GetSweepAsync(sweep.Id, CancellationToken.None))!.Renders;

        _gateway.Heartbeat(slots: 10);
        var batches = new List<RenderBatch>();
        for (var i = 0; i < 4; i++)
        {
            batches.Add(await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, $"batch {i + 1} of 4 (two sizes, five weights each, batches of 4)"));
        }

        Assert.Equal([4, 1, 4, 1], batches.Select(b => b.Renders.Count));
        Assert.All(batches, b => Assert.Single(b.Renders.Select(r => r.Settings.Size).Distinct()));
        Assert.All(batches, b => Assert.Equal(1, b.Attempt));
        Assert.Equal(views.Select(v => v.Key).Order(), batches.SelectMany(b => b.Renders).Select(r => r.Key()).Order());
        var running = (await _gateway.Farm.GetSweepAsync(sweep.Id, CancellationToken.None))!;
        Assert.Equal(10, running.Counts.Running);
    }

    [Fact]
    public async Task Nothing_is_dispatched_beyond_the_slots_of_live_workers()
    {
        await SubmitAsync("\"size\": [32, 40, 48]");
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        Assert.False(_gateway.Dispatch.TryTakeBatch(out _), "no worker has reported: nothing may be sent");

        _gateway.Heartbeat("worker-a", slots: 1);
        _gateway.Heartbeat("worker-b", slots: 1);
        var first = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "worker-a's slot");
        var second = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "worker-b's slot");
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        Assert.False(_gateway.Dispatch.TryTakeBatch(out _), "two slots, two batches in flight: the third must wait");

        await _gateway.CompleteAsync(first, "worker-a");
        var third = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the slot freed by a completion");

        Assert.Equal(3, new[] { first, second, third }.SelectMany(b => b.Renders).Select(r => r.Key()).Distinct().Count());
    }

    [Fact]
    public async Task A_stopping_worker_s_slots_do_not_count()
    {
        await SubmitAsync("");
        _gateway.Events.Heartbeat(new WorkerHeartbeat("worker-1", "cpu", 2, [], null, 0, 0, 0, 0, 1, null, Stopping: true));

        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);

        Assert.False(_gateway.Dispatch.TryTakeBatch(out _));
        Assert.Equal("busy", Assert.Single(await _gateway.Farm.ListWorkersAsync(CancellationToken.None)).State);
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    public void Dispose() => _data.Dispose();

    private Task<SweepAccepted> SubmitAsync(string axes) =>
        _gateway.Farm.SubmitSweepAsync(new SweepSubmission(_inputs.Spec(axes)), CancellationToken.None);

    private async Task<HashSet<string>> KeysAsync(Guid sweepId) =>
        (await _gateway.Farm.GetSweepAsync(sweepId, CancellationToken.None))!.Renders.Select(r => r.Key).ToHashSet();
}
