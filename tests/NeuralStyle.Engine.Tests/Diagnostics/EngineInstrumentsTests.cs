using NeuralStyle.Engine.Diagnostics;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Diagnostics;

[Collection(EngineCollection.Name)]
public sealed class EngineInstrumentsTests(EngineFixture fixture) : IDisposable
{
    private static readonly KeyValuePair<string, object?> Content = new("kind", "content");
    private static readonly KeyValuePair<string, object?> Style = new("kind", "style");

    // Each test's own instruments: other tests' engines report to the shared ones.
    private readonly EngineInstruments _instruments = new();

    private RenderRequest Request(int seed, int iterations = 2) => new(fixture.Content32, [fixture.Style32], new RenderSettings
    {
        Weights = fixture.WeightsPath,
        Size = 32,
        Iterations = iterations,
        Seed = seed,
        StyleLayers = ["relu1_1", "relu2_1"],
        ContentLayers = ["relu2_2"],
    });

    [Fact]
    public void Two_renders_sharing_targets_count_them_computed_once_and_reused_once()
    {
        using var recorder = new MeasurementRecorder(_instruments.Meter);
        using var engine = new StyleTransfer(instruments: _instruments);

        engine.Render(Request(seed: 1));
        engine.Render(Request(seed: 2, iterations: 3));

        Assert.Equal((1, 1), (recorder.Sum("nsf.targets.computed", Content), recorder.Sum("nsf.targets.computed", Style)));
        Assert.Equal((1, 1), (recorder.Sum("nsf.targets.reused", Content), recorder.Sum("nsf.targets.reused", Style)));
        Assert.Equal((engine.Targets.Computed, engine.Targets.Reused), ((int)recorder.Sum("nsf.targets.computed"), (int)recorder.Sum("nsf.targets.reused")));
        Assert.Equal(engine.Targets.Bytes, recorder.Sum("nsf.targets.computed.bytes"));
        Assert.Equal(engine.Targets.Bytes, recorder.Observe("nsf.targets.cached.bytes"));
        Assert.Equal(2, recorder.Observe("nsf.targets.cached"));
        Assert.Equal(0, recorder.Sum("nsf.targets.evicted"));
        Assert.Equal(1, recorder.Sum("nsf.model.loads"));
        Assert.Single(recorder.Values("nsf.model.load.duration"));
        Assert.Equal(2, recorder.Sum("nsf.renders.completed", new("cancelled", false)));
        Assert.Equal(5, recorder.Sum("nsf.render.iterations"));
        Assert.All(recorder.Values("nsf.render.duration"), s => Assert.True(s > 0, $"render took {s} s"));
        Assert.Equal(2, recorder.Values("nsf.render.duration").Count);
        Assert.Equal([1.0, 1.0], recorder.Values("nsf.render.batch.size"));
    }

    [Fact]
    public void Evictions_are_counted_with_their_bytes_and_leave_the_cache_gauge_within_the_bound()
    {
        using var recorder = new MeasurementRecorder(_instruments.Meter);
        // Room for the content targets (the larger here) but not for them and the style targets too.
        var contentBytes = FeatureTargets.BytesFor(TargetKind.Content, ["relu2_2"], 32, 24);
        var styleBytes = FeatureTargets.BytesFor(TargetKind.Style, ["relu1_1", "relu2_1"], 32, 32);
        using (var engine = new StyleTransfer(targetCacheBytes: contentBytes, instruments: _instruments))
        {
            engine.Render(Request(seed: 1));

            // Content, then style, evicting the content targets the render still used.
            Assert.Equal(1, recorder.Sum("nsf.targets.evicted", Content));
            Assert.Equal(contentBytes, recorder.Sum("nsf.targets.evicted.bytes"));
            Assert.Equal(styleBytes, recorder.Observe("nsf.targets.cached.bytes"));
            Assert.True(styleBytes <= contentBytes, "the gauge stays within the bound");
        }
        Assert.Equal(0, recorder.Observe("nsf.targets.cached.bytes"));
        Assert.Equal(0, recorder.Observe("nsf.targets.cached"));
    }

    [Fact]
    public void A_failed_render_is_counted_by_its_error_type_and_not_as_completed()
    {
        using var recorder = new MeasurementRecorder(_instruments.Meter);
        using var engine = new StyleTransfer(instruments: _instruments);
        var missing = Request(seed: 1) with { Content = Path.Combine(fixture.Directory, "missing.png") };

        Assert.Throws<ImageUnreadableException>(() => engine.Render(missing));

        Assert.Equal(1, recorder.Sum("nsf.renders.failed", new("error.type", "image_unreadable")));
        Assert.Equal(0, recorder.Sum("nsf.renders.completed"));
    }

    [Fact]
    public void A_cancelled_render_is_counted_as_completed_and_cancelled()
    {
        using var recorder = new MeasurementRecorder(_instruments.Meter);
        using var engine = new StyleTransfer(instruments: _instruments);
        using var cancel = new CancellationTokenSource();

        engine.Render(Request(seed: 1, iterations: 20), p =>
        {
            if (p.Iteration == 1)
            {
                cancel.Cancel();
            }
        }, cancel.Token);

        Assert.Equal(1, recorder.Sum("nsf.renders.completed", new("cancelled", true)));
        Assert.Equal(1, recorder.Sum("nsf.render.iterations"));
    }

    public void Dispose() => _instruments.Dispose();
}
