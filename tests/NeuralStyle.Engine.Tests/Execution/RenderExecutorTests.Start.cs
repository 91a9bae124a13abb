using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Tests.Execution;

/// <summary>Resuming from an image and iteration, and images at the caller's interval.</summary>
public sealed partial class RenderExecutorTests
{
    [Theory]
    [InlineData(null, 3)]
    [InlineData(null, 5)]
    [InlineData(new[] { 32, 40 }, 2)]
    [InlineData(new[] { 32, 40 }, 3)]
    [InlineData(new[] { 32, 40 }, 4)]
    public void A_render_started_from_an_iteration_numbers_its_iterations_as_the_tail_of_the_uninterrupted_render(int[]? scales, int start)
    {
        using var executor = new RenderExecutor(_engine);
        var settings = Tiny(scales is null ? 6 : 3) with { Scales = scales, SaveEvery = 1 };
        var full = new RecordingSink();
        Run(executor, [Job("full", settings)], Files(), full);
        var uninterrupted = full.IterationsAndScales("full");
        var resumed = new RecordingSink();

        var outcome = Assert.Single(Run(executor, [Job("resumed", settings) with
        {
            StartImagePath = RenderSnapshots.PathFor(_out.File("full.png"), start),
            StartIteration = start,
        }], Files(), resumed));

        Assert.True(outcome.Status == RenderOutcomeStatus.Succeeded, outcome.Error?.Message);
        // Iteration i is the first report of the scale holding it: the scale's index is i / iterations.
        var perScale = settings.Iterations;
        var from = uninterrupted.FindIndex(p => p.Iteration == start && p.Scale == start / perScale);
        Assert.Equal(uninterrupted[from..], resumed.IterationsAndScales("resumed"));
        Assert.Equal(uninterrupted[from..].Select(p => p.Iteration), outcome.Result!.Trace.Iterations.Select(i => i.Iteration));
        Assert.Equal(scales?[^1] ?? 32, outcome.Result.Image.Width);
    }

    [Fact]
    public void A_resumed_render_keeps_save_every_s_snapshots_at_the_uninterrupted_render_s_iterations()
    {
        using var executor = new RenderExecutor(_engine);
        var settings = Tiny(7) with { SaveEvery = 2 };
        Run(executor, [Job("full", settings)], Files(), new RecordingSink());
        var resumed = new RecordingSink();

        Run(executor, [Job("resumed", settings) with { StartImagePath = _out.File("full.iter0002.png"), StartIteration = 3 }],
            Files(), resumed);

        Assert.Equal([4, 6, 7], resumed.Progress.Where(p => p.Progress.Snapshot is not null).Select(p => p.Progress.Iteration));
        Assert.Equal(["resumed.iter0004.png", "resumed.iter0006.png", "resumed.png"],
            FilesOnDisk().Where(f => f.StartsWith("resumed", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_start_iteration_past_the_render_fails_it_as_an_invalid_setting()
    {
        using var executor = new RenderExecutor(_engine);
        var outcome = Assert.Single(Run(executor, [Job("late", Tiny(3)) with { StartImagePath = fixture.Content32, StartIteration = 3 }],
            Files(), new RecordingSink()));

        Assert.Equal("invalid_setting", outcome.Error!.Code);
        Assert.Contains("start_iteration", outcome.Error.Message);
    }

    [Fact]
    public void Progress_carries_the_current_image_at_the_executor_s_interval_without_save_every_snapshots()
    {
        using var executor = new RenderExecutor(_engine, new RenderExecutorOptions { ImageEvery = 2 });
        var sink = new RecordingSink();

        Run(executor, [Job("preview", Tiny(5))], Files(), sink);

        Assert.Equal([0, 2, 4, 5], sink.Progress.Where(p => p.Progress.CurrentImage is not null).Select(p => p.Progress.Iteration));
        Assert.All(sink.Progress, p => Assert.Null(p.Progress.Snapshot));
        Assert.Equal(["preview.png"], FilesOnDisk());
        var last = sink.Progress[^1].Progress.CurrentImage!;
        Assert.Equal((32, 24), (last.Width, last.Height));
    }

    [Fact]
    public void Jobs_of_a_batch_must_resume_at_the_same_iteration()
    {
        using var executor = new RenderExecutor(_engine);
        var jobs = Batch(Tiny());
        jobs[1] = jobs[1] with { StartImagePath = fixture.Content32, StartIteration = 1 };

        var error = Assert.Throws<ArgumentException>(() => executor.RunAsync(jobs, Files(), new RecordingSink()).GetAwaiter().GetResult());

        Assert.Contains("same iteration", error.Message);
    }
}
