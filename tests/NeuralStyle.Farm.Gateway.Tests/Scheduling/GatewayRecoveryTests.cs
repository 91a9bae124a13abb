using Dapper;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Scheduling;

public sealed class GatewayRecoveryTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task After_a_restart_running_renders_are_queued_again_and_the_sweep_finishes()
    {
        Guid sweepId;
        string running;
        int lostAttempt;
        await using (var first = await GatewayHarness.StartAsync(_data.Path, o => o with { MaxBatchSize = 1 }))
        {
            var inputs = await TestInputs.UploadAsync(first.Farm, _data.Path);
            sweepId = (await first.Farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec("\"seed\": [1, 2]")), CancellationToken.None)).Id;
            first.Heartbeat();
            await first.CompleteAsync(await first.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the first render"));
            var second = await first.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the second render");
            running = second.Renders[0].Key();
            await first.Events.StartedAsync(new(running, second.BatchId, "worker-1", second.Attempt), CancellationToken.None);
            lostAttempt = second.Attempt;
            Assert.Equal(FarmRenderStatus.Running, (await first.Farm.GetRenderAsync(running, CancellationToken.None))!.Status);
        }

        await using var restarted = await GatewayHarness.StartAsync(_data.Path, o => o with { MaxBatchSize = 1 });

        Assert.True(restarted.Health.IsReady);
        var requeued = (await restarted.Farm.GetRenderAsync(running, CancellationToken.None))!;
        Assert.Equal((FarmRenderStatus.Queued, 1), (requeued.Status, requeued.Attempts));
        await restarted.Events.CompletedAsync(GatewayHarness.Completion(running, lostAttempt), CancellationToken.None);
        Assert.Equal(FarmRenderStatus.Queued, (await restarted.Farm.GetRenderAsync(running, CancellationToken.None))!.Status);

        restarted.Heartbeat();
        var again = await restarted.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the render left running, dispatched after the restart");
        Assert.Equal((running, 2), (again.Renders[0].Key(), again.Attempt));
        await restarted.CompleteAsync(again);
        await restarted.WaitForEventAsync(sweepId, FarmEventTypes.SweepCompleted);
        var sweep = (await restarted.Farm.GetSweepAsync(sweepId, CancellationToken.None))!;
        Assert.Equal((SweepStatus.Completed, 2), (sweep.Status, sweep.Counts.Succeeded));
        Assert.NotEmpty(sweep.Grids);
        Assert.All(sweep.Grids, g => Assert.NotNull(g.Sha256));
    }

    [Fact]
    public async Task A_sweep_whose_renders_all_finished_but_that_was_not_closed_is_closed_at_the_next_start()
    {
        Guid sweepId;
        await using (var first = await GatewayHarness.StartAsync(_data.Path))
        {
            var inputs = await TestInputs.UploadAsync(first.Farm, _data.Path);
            sweepId = (await first.Farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec()), CancellationToken.None)).Id;
            first.Heartbeat();
            await first.CompleteAsync(await first.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the only render"));
            await first.WaitForEventAsync(sweepId, FarmEventTypes.SweepCompleted);
            // As if the process had died between the last render and closing the sweep.
            await first.Get<FarmDatabase>().WriteAsync(write => write.Connection.ExecuteAsync(
                """
                UPDATE sweeps SET status = 'running', grids_written = 0, closed_event_id = NULL WHERE sweep_id = @id;
                DELETE FROM grid_pages; DELETE FROM events WHERE sweep_id = @id AND event_type <> 'sweep_submitted';
                """, new { id = sweepId.ToString() }, write.Transaction), CancellationToken.None);
        }

        await using var restarted = await GatewayHarness.StartAsync(_data.Path);

        await restarted.WaitForEventAsync(sweepId, FarmEventTypes.SweepCompleted);
        var sweep = (await restarted.Farm.GetSweepAsync(sweepId, CancellationToken.None))!;
        Assert.Equal(SweepStatus.Completed, sweep.Status);
        Assert.NotEmpty(sweep.Grids);
    }

    public void Dispose() => _data.Dispose();
}
