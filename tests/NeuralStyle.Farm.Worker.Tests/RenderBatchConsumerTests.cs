using NeuralStyle.Engine.Farm;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Worker.Tests.Support;

namespace NeuralStyle.Farm.Worker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class RenderBatchConsumerTests(WorkerFixture fixture) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("nsf-worker-test-").FullName;

    private static WorkerOptions Options => new() { Name = "test", ProgressInterval = TimeSpan.FromMilliseconds(50), PreviewEvery = 2 };

    [Fact]
    public async Task A_batch_of_two_renders_reports_each_started_progressed_and_completed_with_png_results_in_the_blob_store()
    {
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);
        var renders = new[] { fixture.Render(styleWeight: 100), fixture.Render(styleWeight: 10_000) };
        var keys = renders.Select(r => r.Key()).ToArray();

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), renders, 1));
        await host.Events.WaitAsync(e => e.Of<RenderCompleted>().Length == 2, WorkerHost.RenderBound, "both renders completed");

        foreach (var key in keys)
        {
            var started = Assert.Single(host.Events.Of<RenderStarted>(), s => s.Key == key);
            Assert.Equal(("test-0", 1), (started.Worker, started.Attempt));
            var last = host.Events.ProgressOf(key)[^1];
            Assert.Equal((3, 3), (last.Iteration, last.TotalIterations));
            var completed = Assert.Single(host.Events.Of<RenderCompleted>(), c => c.Key == key);
            Assert.Equal((2, 3, "test-0", 1), (completed.BatchSize, completed.Iteration, completed.Worker, completed.Attempt));
            Assert.Equal(last.Losses, completed.Losses);
            var image = await fixture.Blobs.LocalPathAsync(completed.ResultSha256, default);
            Assert.Equal((32, 24), ImageFile.Probe(image));
            Assert.Contains("\"weights_sha256\"", PngText.Read(image)[RenderMetadata.Key]);
            var trace = await fixture.Blobs.LocalPathAsync(completed.TraceSha256!, default);
            Assert.Equal(4, System.Text.Json.JsonDocument.Parse(File.ReadAllText(trace)).RootElement.GetProperty("iterations").GetArrayLength());
        }
        Assert.Empty(host.Events.Of<RenderFailed>());
    }

    [Fact]
    public async Task A_render_of_batch_size_one_equals_the_engine_s_own_render_pixel_for_pixel()
    {
        var render = fixture.Render(iterations: 4);
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [render], 1));
        await host.Events.WaitAsync(e => e.Of<RenderCompleted>().Length == 1, WorkerHost.RenderBound, "the render completed");

        var request = PortableRenders.ToRequest(render, fixture.Blobs.PathOf, "cpu");
        using var engine = new StyleTransfer();
        var direct = engine.Render(request);
        var directPath = Path.Combine(_scratch, "direct.png");
        ImageFile.WritePng(directPath, direct.Image, RenderMetadata.For(direct.Trace));
        var farmPath = await fixture.Blobs.LocalPathAsync(host.Events.Of<RenderCompleted>()[0].ResultSha256, default);
        Assert.Equal(ImageFile.Read(directPath, 32, 24).Pixels, ImageFile.Read(farmPath, 32, 24).Pixels);
        Assert.Equal(direct.Trace.Final.Total, host.Events.Of<RenderCompleted>()[0].Losses.Total);
    }

    [Fact]
    public async Task A_content_blob_that_is_not_an_image_fails_the_render_as_image_unreadable_and_not_retryable()
    {
        var broken = fixture.Blobs.Put("not an image at all"u8.ToArray());
        var render = fixture.Render(contentSha256: broken);
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [render], 2));
        await host.Events.WaitAsync(e => e.Of<RenderFailed>().Length == 1, WorkerHost.RenderBound, "the render failed");

        var failed = host.Events.Of<RenderFailed>()[0];
        Assert.Equal((render.Key(), "image_unreadable", false, 2, "test-0"), (failed.Key, failed.ErrorCode, failed.Retryable, failed.Attempt, failed.Worker));
        Assert.Empty(host.Events.Of<RenderCompleted>());
    }

    [Fact]
    public async Task A_missing_input_blob_fails_the_render_as_input_unusable_and_its_neighbour_still_renders()
    {
        var missing = fixture.Render(contentSha256: new string('a', 64));
        var fine = fixture.Render();
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [missing, fine], 1));
        await host.Events.WaitAsync(e => e.Of<RenderFailed>().Length == 1 && e.Of<RenderCompleted>().Length == 1,
            WorkerHost.RenderBound, "one render failed and the other completed");

        Assert.Equal((missing.Key(), "input_unusable"), (host.Events.Of<RenderFailed>()[0].Key, host.Events.Of<RenderFailed>()[0].ErrorCode));
        Assert.Equal(fine.Key(), host.Events.Of<RenderCompleted>()[0].Key);
    }

    [Fact]
    public async Task A_malformed_batch_fails_every_render_it_can_name_as_invalid_setting_without_faulting()
    {
        var render = fixture.Render();
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, Options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [render, new Contracts.PortableRender()], 0));
        await host.Events.WaitAsync(e => e.Of<RenderFailed>().Length == 1, WorkerHost.RenderBound, "the nameable render failed");

        var failed = host.Events.Of<RenderFailed>()[0];
        Assert.Equal((render.Key(), "invalid_setting", false), (failed.Key, failed.ErrorCode, failed.Retryable));
        Assert.Contains("attempt", failed.Message);
        Assert.Contains("renders[1]", failed.Message);
        Assert.True(await host.Harness.Consumed.Any<RenderBatch>(), "the batch should be consumed");
        Assert.False(await host.Harness.Published.Any<MassTransit.Fault<RenderBatch>>(), "the consumer should not fault");
        Assert.Empty(host.Events.Of<RenderStarted>());
    }

    [Fact]
    public async Task Progress_is_throttled_to_the_interval_always_ending_with_the_last_iteration_and_a_preview()
    {
        var render = fixture.Render(iterations: 30);
        var options = Options with { ProgressInterval = TimeSpan.FromSeconds(1), PreviewEvery = 10 };
        await using var host = await WorkerHost.StartAsync(fixture.Blobs, options);

        await host.SendAsync(new RenderBatch(Guid.NewGuid(), [render], 1));
        await host.Events.WaitAsync(e => e.Of<RenderCompleted>().Length == 1, WorkerHost.RenderBound, "the render completed");

        var progress = host.Events.ProgressOf(render.Key());
        var seconds = host.Events.Of<RenderCompleted>()[0].Seconds;
        // The first iteration goes at once, then at most one per second, plus the last.
        Assert.InRange(progress.Length, 2, 2 + (int)Math.Ceiling(seconds));
        Assert.True(progress.Length < 30, $"{progress.Length} progress events for 30 iterations");
        Assert.Equal((30, 30), (progress[^1].Iteration, progress[^1].TotalIterations));
        var preview = Path.Combine(_scratch, "preview.png");
        File.WriteAllBytes(preview, progress[^1].PreviewPng!);
        Assert.Equal((32, 24), ImageFile.Probe(preview));
        Assert.All(progress, p => Assert.True(p.PreviewPng is null || p.PreviewPng.Length <= RenderProgressed.MaxPreviewBytes));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
