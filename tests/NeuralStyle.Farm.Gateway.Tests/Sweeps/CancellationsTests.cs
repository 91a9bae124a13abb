using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Sweeps;

public sealed class CancellationsTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private GatewayHarness _gateway = null!;
    private TestInputs _inputs = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHarness.StartAsync(_data.Path, o => o with { MaxBatchSize = 1 });
        _inputs = await TestInputs.UploadAsync(_gateway.Farm, _data.Path);
    }

    [Fact]
    public async Task Cancelling_a_sweep_cancels_its_queued_renders_at_once_and_tells_workers_to_stop_its_running_ones()
    {
        var sweep = await SubmitAsync("\"seed\": [1, 2, 3]");
        _gateway.Heartbeat();
        var running = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the first render");
        var runningKey = running.Renders[0].Key();

        Assert.True(await _gateway.Farm.CancelSweepAsync(sweep, CancellationToken.None));

        Assert.Equal(runningKey, Assert.Single(_gateway.Dispatch.Cancels).Key);
        var cancelled = await _gateway.WaitForEventAsync(sweep, FarmEventTypes.SweepCancelled);
        Assert.Equal(3, cancelled.Data.GetProperty("cancelled").GetInt32());
        var view = (await _gateway.Farm.GetSweepAsync(sweep, CancellationToken.None))!;
        Assert.Equal(SweepStatus.Cancelled, view.Status);
        Assert.All(view.Renders, r => Assert.Equal(FarmRenderStatus.Cancelled, r.Status));
        Assert.NotEmpty(view.Grids);

        await _gateway.Events.FailedAsync(new RenderFailed(runningKey, "cancelled", "stopped", false, running.Attempt, "worker-1"), CancellationToken.None);
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        Assert.False(_gateway.Dispatch.TryTakeBatch(out _), "nothing of a cancelled sweep is dispatched");
        var error = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.CancelSweepAsync(sweep, CancellationToken.None));
        Assert.Equal(409, error.Status);
        Assert.False(await _gateway.Farm.CancelSweepAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_render_another_sweep_still_needs_keeps_going_when_one_sweep_is_cancelled()
    {
        var first = await SubmitAsync("\"seed\": [1, 2]");
        var second = await SubmitAsync("\"seed\": [2]");
        var shared = Assert.Single((await _gateway.Farm.GetSweepAsync(second, CancellationToken.None))!.Renders).Key;

        await _gateway.Farm.CancelSweepAsync(first, CancellationToken.None);
        await _gateway.WaitForEventAsync(first, FarmEventTypes.SweepCancelled);

        Assert.Equal(FarmRenderStatus.Queued, (await _gateway.Farm.GetRenderAsync(shared, CancellationToken.None))!.Status);
        Assert.All((await _gateway.Farm.GetSweepAsync(first, CancellationToken.None))!.Renders, r => Assert.Equal(FarmRenderStatus.Cancelled, r.Status));
        _gateway.Heartbeat();
        var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the shared render, for the sweep that still wants it");
        Assert.Equal(shared, batch.Renders[0].Key());
        await _gateway.CompleteAsync(batch);
        await _gateway.WaitForEventAsync(second, FarmEventTypes.SweepCompleted);
        Assert.Equal(FarmRenderStatus.Cancelled, (await _gateway.Farm.GetSweepAsync(first, CancellationToken.None))!.Renders[1].Status);
    }

    [Fact]
    public async Task Cancelling_a_render_ends_it_and_a_finished_render_cannot_be_cancelled()
    {
        var sweep = await SubmitAsync("\"seed\": [1]");
        var key = Assert.Single((await _gateway.Farm.GetSweepAsync(sweep, CancellationToken.None))!.Renders).Key;

        Assert.True(await _gateway.Farm.CancelRenderAsync(key, CancellationToken.None));

        Assert.Empty(_gateway.Dispatch.Cancels);
        Assert.Equal(FarmRenderStatus.Cancelled, (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!.Status);
        await _gateway.WaitForEventAsync(sweep, FarmEventTypes.SweepCompleted);
        var again = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.CancelRenderAsync(key, CancellationToken.None));
        Assert.Equal(409, again.Status);
        Assert.False(await _gateway.Farm.CancelRenderAsync(new string('c', 64), CancellationToken.None));
        var malformed = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.CancelRenderAsync("../x", CancellationToken.None));
        Assert.Equal((ErrorCode.InvalidSetting, 400), (malformed.Code, malformed.Status));
    }

    [Fact]
    public async Task A_cancelled_render_asked_for_again_by_a_new_sweep_is_queued_afresh()
    {
        var first = await SubmitAsync("\"seed\": [1]");
        await _gateway.Farm.CancelSweepAsync(first, CancellationToken.None);

        var second = await _gateway.Farm.SubmitSweepAsync(new SweepSubmission(_inputs.Spec("\"seed\": [1]")), CancellationToken.None);

        Assert.Equal((1, 0), (second.Queued, second.Reused));
        _gateway.Heartbeat();
        await _gateway.CompleteAsync(await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the render asked for again"));
        await _gateway.WaitForEventAsync(second.Id, FarmEventTypes.SweepCompleted);
        Assert.Equal(FarmRenderStatus.Cancelled, (await _gateway.Farm.GetSweepAsync(first, CancellationToken.None))!.Renders[0].Status);
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    public void Dispose() => _data.Dispose();

    private async Task<Guid> SubmitAsync(string axes) =>
        (await _gateway.Farm.SubmitSweepAsync(new SweepSubmission(_inputs.Spec(axes)), CancellationToken.None)).Id;
}
