using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Worker.Tests.Support;

namespace NeuralStyle.Farm.Worker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class CancelRenderConsumerTests(WorkerFixture fixture)
{
    private static WorkerOptions Options => new() { Name = "test", ProgressInterval = TimeSpan.FromMilliseconds(50), PreviewEvery = 0 };

    [Fact]
    public async Task Cancelling_a_long_render_stops_it_well_before_its_end_and_reports_it_cancelled()
    {
        var render = fixture.Render(iterations: 500);
        var key = render.Key();
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [render], 1));
        await host.Events.WaitAsync(e => e.ProgressOf(key).Any(p => p.Iteration >= 2), WorkerHost.RenderBound, "the render is iterating");
        await host.Harness.Bus.Publish(new CancelRender(key));
        await host.Events.WaitAsync(e => e.Of<RenderFailed>().Length == 1, WorkerHost.RenderBound, "the render reported cancelled");

        var failed = host.Events.Of<RenderFailed>()[0];
        Assert.Equal((key, "cancelled", false, "test-0"), (failed.Key, failed.ErrorCode, failed.Retryable, failed.Worker));
        Assert.Matches("^cancelled at iteration [0-9]+ of 500$", failed.Message);
        Assert.True(host.Events.ProgressOf(key).Max(p => p.Iteration) < 400, "the render ran on after the cancel");
        Assert.Empty(host.Events.Of<RenderCompleted>());
    }

    [Fact]
    public async Task Cancelling_one_render_of_a_batch_lets_the_batch_finish()
    {
        var renders = new[] { fixture.Render(iterations: 20, styleWeight: 100), fixture.Render(iterations: 20, styleWeight: 1e4) };
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), renders, 1));
        await host.Events.WaitAsync(e => e.Of<RenderStarted>().Length == 2, WorkerHost.RenderBound, "the batch started");
        await host.Harness.Bus.Publish(new CancelRender(renders[0].Key()));
        await host.Events.WaitAsync(e => e.Of<RenderCompleted>().Length == 2, WorkerHost.RenderBound, "both renders completed");

        Assert.Empty(host.Events.Of<RenderFailed>());
    }

    [Fact]
    public async Task A_cancel_that_arrives_before_its_batch_stops_the_batch_as_it_starts()
    {
        var render = fixture.Render(iterations: 500);
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.Harness.Bus.Publish(new CancelRender(render.Key()));
        Assert.True(await host.Harness.Consumed.Any<CancelRender>(), "the worker should hear the cancel");
        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [render], 1));
        await host.Events.WaitAsync(e => e.Of<RenderFailed>().Length == 1, WorkerHost.RenderBound, "the render reported cancelled");

        var failed = host.Events.Of<RenderFailed>()[0];
        Assert.Equal(("cancelled", "cancelled before it started"), (failed.ErrorCode, failed.Message));
        Assert.Empty(host.Events.ProgressOf(render.Key()));
    }
}
