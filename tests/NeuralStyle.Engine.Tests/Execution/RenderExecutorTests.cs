using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Execution;

[Collection(EngineCollection.Name)]
public sealed partial class RenderExecutorTests(EngineFixture fixture) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly TemporaryDirectory _out = new();
    private readonly StyleTransfer _engine = new();

    private RenderSettings Tiny(int iterations = 3) => new()
    {
        Weights = fixture.WeightsPath,
        Size = 32,
        Iterations = iterations,
        StyleLayers = ["relu1_1", "relu2_1"],
        ContentLayers = ["relu2_2"],
    };

    private RenderJob Job(string id, RenderSettings settings) => new(id, new RenderRequest(fixture.Content32, [fixture.Style32], settings));

    /// <summary>Three batchable jobs differing only in style weight.</summary>
    private RenderJob[] Batch(RenderSettings settings) =>
        [.. new[] { 1e2, 1e3, 1e4 }.Select((beta, i) => Job($"job{i}", settings with { StyleWeight = beta }))];

    /// <summary>Each job's PNG (and snapshots) named after its id in the test directory.</summary>
    private DirectoryRenderArtifacts Files(bool removesUnownedResults = false) =>
        new(job => new RenderFiles(_out.File($"{job.Id}.png")), removesUnownedResults);

    private string[] FilesOnDisk() => [.. Directory.GetFiles(_out.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private static IReadOnlyList<RenderOutcome> Run(RenderExecutor executor, IReadOnlyList<RenderJob> batch, IRenderArtifacts artifacts,
        IRenderSink sink, CancellationToken cancellationToken = default)
    {
        var run = executor.RunAsync(batch, artifacts, sink, cancellationToken);
        Assert.True(run.Wait(Bound), $"the executor should finish a tiny batch within {Bound.TotalSeconds} s");
        return run.Result;
    }

    [Fact]
    public void A_batch_renders_every_job_together_and_writes_each_result()
    {
        using var executor = new RenderExecutor(_engine);
        var sink = new RecordingSink();

        var outcomes = Run(executor, Batch(Tiny()), Files(), sink);

        Assert.All(outcomes, o => Assert.Equal((RenderOutcomeStatus.Succeeded, 3), (o.Status, o.BatchSize)));
        Assert.Equal(["started job0,job1,job2", "succeeded job0", "succeeded job1", "succeeded job2"], sink.Events);
        Assert.Equal(["job0.png", "job1.png", "job2.png"], FilesOnDisk());
        Assert.All(outcomes, o => Assert.Equal(Engine.IO.InputFiles.Sha256(o.Artifact!.Image, 1 << 30, m => new IOException(m)), o.Artifact.ImageSha256));
        Assert.Equal([0, 1, 2, 3], sink.IterationsOf("job1"));
    }

    [Fact]
    public void A_failing_batch_is_retried_one_render_at_a_time_so_only_the_bad_render_fails()
    {
        using var executor = new RenderExecutor(_engine);
        var sink = new RecordingSink
        {
            OnEachProgress = (job, progress) =>
            {
                if (job.Id == "job1" && progress.Iteration == 2)
                {
                    throw new InvalidOperationException("job1 is broken");
                }
            },
        };

        var outcomes = Run(executor, Batch(Tiny()), Files(), sink);

        Assert.Equal([RenderOutcomeStatus.Succeeded, RenderOutcomeStatus.Failed, RenderOutcomeStatus.Succeeded], outcomes.Select(o => o.Status));
        Assert.Equal(["started job0,job1,job2", "started job0", "succeeded job0", "started job1", "failed unexpected job1",
            "started job2", "succeeded job2"], sink.Events);
        Assert.Equal("unexpected InvalidOperationException: job1 is broken", outcomes[1].Error!.Message);
        Assert.False(outcomes[1].Error!.Retryable);
        Assert.IsType<InvalidOperationException>(outcomes[1].Exception);
        Assert.All(new[] { outcomes[0], outcomes[2] }, o => Assert.Equal(1, o.BatchSize));
        Assert.Equal(["job0.png", "job2.png"], FilesOnDisk());
    }

    [Fact]
    public void A_result_that_cannot_be_written_fails_only_its_own_render_without_a_retry()
    {
        using var executor = new RenderExecutor(_engine);
        var sink = new RecordingSink();
        var artifacts = new FailingArtifacts(Files(), "job1");

        var outcomes = Run(executor, Batch(Tiny()), artifacts, sink);

        Assert.Equal(["started job0,job1,job2", "succeeded job0", "failed output_unwritable job1", "succeeded job2"], sink.Events);
        Assert.All(outcomes, o => Assert.Equal(3, o.BatchSize));
        Assert.Contains("no space left", outcomes[1].Error!.Message);
        Assert.Equal(["job1"], artifacts.Discarded);
        Assert.Equal(["job0.png", "job2.png"], FilesOnDisk());
    }

    [Fact]
    public void A_failed_render_leaves_none_of_its_snapshots_and_its_neighbours_keep_theirs()
    {
        using var executor = new RenderExecutor(_engine);
        var sink = new RecordingSink
        {
            OnEachProgress = (job, progress) =>
            {
                if (job.Id == "job1" && progress.Iteration == 2)
                {
                    throw new InvalidOperationException("job1 is broken");
                }
            },
        };

        Run(executor, Batch(Tiny(3) with { SaveEvery = 1 }), Files(), sink);

        Assert.Equal(["job0.iter0000.png", "job0.iter0001.png", "job0.iter0002.png", "job0.png",
            "job2.iter0000.png", "job2.iter0001.png", "job2.iter0002.png", "job2.png"], FilesOnDisk());
    }

    [Fact]
    public void A_render_whose_report_fails_loses_its_written_image_and_snapshots()
    {
        using var executor = new RenderExecutor(_engine);
        var sink = new RecordingSink
        {
            OnEachSuccess = outcome => throw new InvalidOperationException($"cannot report {outcome.Job.Id}"),
        };

        var outcome = Assert.Single(Run(executor, [Job("solo", Tiny(2) with { SaveEvery = 1 })], Files(), sink));

        Assert.Equal(RenderOutcomeStatus.Failed, outcome.Status);
        Assert.Equal(["started solo", "failed unexpected solo"], sink.Events);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public void A_failed_render_keeps_a_file_it_did_not_write_unless_the_store_owns_its_paths()
    {
        foreach (var owns in new[] { false, true })
        {
            var stale = _out.File("solo.png");
            File.WriteAllText(stale, "an earlier file");
            using var executor = new RenderExecutor(_engine);
            var diverging = Tiny(6) with { LearningRate = 1000, StyleWeight = 1e12 };

            var outcome = Assert.Single(Run(executor, [Job("solo", diverging)], Files(owns), new RecordingSink()));

            Assert.Equal("render_diverged", outcome.Error!.Code);
            Assert.Equal(!owns, File.Exists(stale));
        }
    }

    [Fact]
    public void Cancelling_stops_a_render_within_one_iteration_and_writes_nothing()
    {
        using var executor = new RenderExecutor(_engine);
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink
        {
            OnEachProgress = (_, progress) =>
            {
                if (progress.Iteration == 3)
                {
                    cancel.Cancel();
                }
            },
        };

        var outcome = Assert.Single(Run(executor, [Job("long", Tiny(200))], Files(), sink, cancel.Token));

        Assert.Equal((RenderOutcomeStatus.Cancelled, true), (outcome.Status, outcome.Started));
        Assert.Equal(3, outcome.Result!.Trace.Final.Iteration);
        Assert.Equal([0, 1, 2, 3], sink.IterationsOf("long"));
        Assert.Equal(["started long", "cancelled long"], sink.Events);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public void An_executor_that_keeps_cancelled_renders_writes_the_image_as_it_stood()
    {
        using var executor = new RenderExecutor(_engine, new RenderExecutorOptions { KeepCancelledRenders = true });
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink { OnEachProgress = (_, p) => { if (p.Iteration == 2) { cancel.Cancel(); } } };

        var outcome = Assert.Single(Run(executor, [Job("long", Tiny(200))], Files(), sink, cancel.Token));

        Assert.Equal(RenderOutcomeStatus.Cancelled, outcome.Status);
        Assert.Equal(_out.File("long.png"), outcome.Artifact!.Image);
        Assert.Contains("\"cancelled\":true", PngText.Read(outcome.Artifact.Image)[RenderMetadata.Key]);
    }

    [Fact]
    public void Jobs_cancelled_before_they_start_are_reported_not_started_and_nothing_is_rendered()
    {
        using var executor = new RenderExecutor(_engine);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var sink = new RecordingSink();

        var outcomes = Run(executor, Batch(Tiny()), Files(), sink, cancel.Token);

        Assert.All(outcomes, o => Assert.Equal((RenderOutcomeStatus.Cancelled, false), (o.Status, o.Started)));
        Assert.Equal(["cancelled before it started job0", "cancelled before it started job1", "cancelled before it started job2"], sink.Events);
        Assert.Equal(0, _engine.ModelLoads);
    }

    [Fact]
    public void Every_render_runs_on_the_executor_s_own_thread()
    {
        var setUpOn = -1;
        using var executor = new RenderExecutor(_engine, new RenderExecutorOptions { OnRenderThreadStart = () => setUpOn = Environment.CurrentManagedThreadId });
        var sink = new RecordingSink();

        Run(executor, [Job("first", Tiny(1))], Files(), sink);
        Run(executor, [Job("second", Tiny(1))], Files(), sink);

        Assert.Single(sink.ProgressThreads.Distinct());
        Assert.Equal(setUpOn, sink.ProgressThreads[0]);
        Assert.NotEqual(Environment.CurrentManagedThreadId, setUpOn);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _out.Dispose();
    }
}
