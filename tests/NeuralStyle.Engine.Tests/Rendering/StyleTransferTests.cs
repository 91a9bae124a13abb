using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Rendering;

[Collection(EngineCollection.Name)]
public sealed class StyleTransferTests(EngineFixture fixture)
{
    private RenderSettings Tiny(int iterations = 4) => new()
    {
        Weights = fixture.WeightsPath,
        Size = 32,
        Iterations = iterations,
        StyleLayers = ["relu1_1", "relu2_1", "relu3_1"],
        ContentLayers = ["relu3_2"],
    };

    private RenderRequest Request(RenderSettings settings) => new(fixture.Content32, [fixture.Style32], settings);

    [Theory]
    [InlineData(OptimizerKind.Lbfgs)]
    [InlineData(OptimizerKind.Adam)]
    public void The_loss_falls_over_twenty_iterations(OptimizerKind optimizer)
    {
        using var engine = new StyleTransfer();
        var trace = engine.Render(Request(Tiny(20) with { Optimizer = optimizer, Init = "noise" })).Trace;

        Assert.Equal(Enumerable.Range(0, 21), trace.Iterations.Select(i => i.Iteration));
        Assert.True(trace.Final.Total < 0.7 * trace.Iterations[0].Total,
            $"{optimizer}: total {trace.Iterations[0].Total} -> {trace.Final.Total}");
        Assert.All(trace.Iterations, i => Assert.True(double.IsFinite(i.Total)));
    }

    [Fact]
    public void The_same_seed_and_settings_give_identical_pixels()
    {
        var settings = Tiny() with { Init = "noise", Seed = 11 };
        using var first = new StyleTransfer();
        using var second = new StyleTransfer();
        var a = first.Render(Request(settings)).Image.Pixels;
        var b = second.Render(Request(settings)).Image.Pixels;
        var c = second.Render(Request(settings with { Seed = 12 })).Image.Pixels;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_result_has_the_content_aspect_and_values_in_the_unit_range()
    {
        using var engine = new StyleTransfer();
        var result = engine.Render(Request(Tiny(3)));
        Assert.Equal((32, 24), (result.Image.Width, result.Image.Height));
        Assert.All(result.Image.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(Engine.Weights.Vgg19Weights.HashOf(fixture.WeightsPath), result.Trace.WeightsSha256);
    }

    [Fact]
    public void Cancelling_stops_at_the_next_iteration_and_keeps_the_image()
    {
        using var engine = new StyleTransfer();
        using var cancel = new CancellationTokenSource();
        var result = engine.Render(Request(Tiny(50)), progress =>
        {
            if (progress.Iteration == 3)
            {
                cancel.Cancel();
            }
        }, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(3, result.Trace.Final.Iteration);
        Assert.Equal(32 * 24 * 3, result.Image.Pixels.Length);
    }

    [Fact]
    public void An_observer_that_throws_stops_the_render_with_its_exception()
    {
        using var engine = new StyleTransfer();
        var error = Assert.Throws<InvalidOperationException>(() =>
            engine.Render(Request(Tiny(10)), p => throw new InvalidOperationException($"observer broke at {p.Iteration}")));
        Assert.Equal("observer broke at 0", error.Message);
    }

    [Fact]
    public void An_absent_cuda_device_is_a_clear_error()
    {
        using var engine = new StyleTransfer();
        // cuda:99 is absent on a CPU build and on any real machine, so this holds on the GPU build too.
        var error = Assert.Throws<DeviceUnavailableException>(() => engine.Render(Request(Tiny() with { Device = "cuda:99" })));
        Assert.Contains("cuda:99", error.Message);
    }

    [Fact]
    public void The_model_is_loaded_once_and_targets_are_reused_across_renders()
    {
        using var engine = new StyleTransfer();
        engine.Render(Request(Tiny(2)));
        engine.Render(Request(Tiny(2) with { StyleWeight = 10 }));
        engine.Render(Request(Tiny(2) with { Pooling = PoolingKind.Avg }));

        Assert.Equal(1, engine.ModelLoads);
        Assert.Equal(4, engine.Targets.Computed);
        Assert.Equal(2, engine.Targets.Reused);
    }

    [Fact]
    public void Snapshots_arrive_every_save_every_iterations_and_at_the_end()
    {
        using var engine = new StyleTransfer();
        var snapshots = new List<int>();
        engine.Render(Request(Tiny(5) with { SaveEvery = 2 }), p =>
        {
            if (p.Snapshot is not null)
            {
                snapshots.Add(p.Iteration);
            }
        });
        Assert.Equal([0, 2, 4, 5], snapshots);
    }

    [Fact]
    public void A_render_that_diverges_is_an_error_that_says_what_to_change()
    {
        using var engine = new StyleTransfer();
        var error = Assert.Throws<EngineFailureException>(() =>
            engine.Render(Request(Tiny(6) with { LearningRate = 1000, StyleWeight = 1e12 })));
        Assert.Contains("learning_rate", error.Message);
        Assert.StartsWith("the render diverged: its loss is", error.Message);
    }

    [Fact]
    public void A_render_stops_at_the_first_iteration_whose_loss_is_no_longer_finite()
    {
        using var engine = new StyleTransfer();
        var iterations = new List<int>();

        var error = Assert.Throws<EngineFailureException>(() => engine.Render(
            Request(Tiny(300) with { LearningRate = 1000, StyleWeight = 1e12 }), progress => iterations.Add(progress.Iteration)));

        Assert.Equal(ErrorCode.RenderDiverged, error.Code);
        Assert.True(iterations[^1] < 50, $"the render ran to iteration {iterations[^1]} of 300 after diverging");
        Assert.Contains($"at iteration {iterations[^1]};", error.Message);
    }

    [Fact]
    public void A_diverged_batch_item_is_named_by_its_place_and_its_own_settings()
    {
        using var engine = new StyleTransfer();
        var requests = new[] { 1e3, 1e4 }.Select(beta => Request(Tiny(6) with { LearningRate = 1000, StyleWeight = beta })).ToArray();

        var error = Assert.Throws<EngineFailureException>(() => engine.RenderBatch(requests));

        Assert.StartsWith("render 1 of 2 in the batch (content_weight 1, style_weight 1000, tv_weight 0, seed 0) diverged", error.Message);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Lbfgs)]
    public void Weights_up_to_the_documented_limit_render_as_the_same_weights_scaled_down_with_totals_in_their_units(OptimizerKind optimizer)
    {
        // Features 1e4 times a random network's make a loss weighted by 1e12 overflow float32's
        // squared gradients: unscaled, Adam stalls at the initial image.
        using var directory = new TemporaryDirectory();
        var weights = HotWeights(directory.File("hot.safetensors"), 1e4f);
        var settings = Tiny(3) with { Weights = weights, Optimizer = optimizer, StyleLayers = ["relu1_1", "relu2_1"], StyleLayerWeights = [1, 1], ContentLayers = ["relu2_2"] };
        using var engine = new StyleTransfer();

        var large = engine.Render(Request(settings with { ContentWeight = 1, StyleWeight = 1e12 }));
        var scaled = engine.Render(Request(settings with { ContentWeight = 1e-6, StyleWeight = 1e6 }));

        Assert.True(large.Trace.Final.Content > 0, $"{optimizer} left the image where it started");
        Assert.Equal(scaled.Image.Pixels, large.Image.Pixels);
        Assert.All(large.Trace.Iterations.Zip(scaled.Trace.Iterations), pair =>
            Assert.Equal(pair.Second.Total * 1e6, pair.First.Total, pair.First.Total * 1e-12));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Lbfgs)]
    public void Both_loss_weights_at_the_documented_limit_render_without_diverging(OptimizerKind optimizer)
    {
        using var directory = new TemporaryDirectory();
        var weights = HotWeights(directory.File("hot.safetensors"), 1e4f);
        using var engine = new StyleTransfer();
        var trace = engine.Render(Request(Tiny(3) with
        {
            Weights = weights, Optimizer = optimizer, ContentWeight = 1e12, StyleWeight = 1e12, Init = "noise",
        })).Trace;

        Assert.All(trace.Iterations, i => Assert.True(double.IsFinite(i.Total)));
        Assert.True(trace.Final.Total < trace.Iterations[0].Total, $"{optimizer}: total {trace.Iterations[0].Total} -> {trace.Final.Total}");
    }

    [Theory]
    [InlineData(4000, 1)]
    [InlineData(3, 400)]
    public void A_content_image_too_thin_for_the_layers_is_an_input_error_naming_it_and_the_short_side_needed(int width, int height)
    {
        using var directory = new TemporaryDirectory();
        var thin = directory.File("thin.png");
        Engine.Images.ImageFile.WritePng(thin, new Engine.Images.RgbImage(width, height, new float[3 * width * height]), new Dictionary<string, string>());
        using var engine = new StyleTransfer();

        var error = Assert.Throws<InputFileException>(() => engine.Render(new RenderRequest(thin, [fixture.Style32], Tiny(2))));

        Assert.Contains($"content image '{thin}' is {width}x{height}", error.Message);
        Assert.Contains("layer relu3_2 (after 2 poolings) needs a short side of at least 4 px", error.Message);
    }

    [Fact]
    public void A_style_image_too_thin_for_the_style_layers_is_an_input_error_naming_it()
    {
        using var directory = new TemporaryDirectory();
        var thin = directory.File("thin-style.png");
        Engine.Images.ImageFile.WritePng(thin, new Engine.Images.RgbImage(400, 2, new float[3 * 400 * 2]), new Dictionary<string, string>());
        using var engine = new StyleTransfer();

        var error = Assert.Throws<InputFileException>(() => engine.Render(new RenderRequest(fixture.Content32, [thin], Tiny(2))));

        Assert.StartsWith($"style image '{thin}' is 400x2: at 32 px on its long side its short side is 1 px", error.Message);
    }

    /// <summary>The fixture's random weights with conv1_1 (the first tensor of the file) multiplied by <paramref name="factor"/>.</summary>
    private string HotWeights(string path, float factor)
    {
        File.Copy(fixture.WeightsPath, path);
        var bytes = File.ReadAllBytes(path);
        var data = 8 + (int)BitConverter.ToInt64(bytes, 0);
        var conv11 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(data, 64 * 3 * 9 * 4));
        for (var i = 0; i < conv11.Length; i++)
        {
            conv11[i] *= factor;
        }
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Weights_of_the_wrong_shape_are_rejected_before_rendering()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("wrong.safetensors");
        Engine.Weights.SafetensorsWriter.Write(path, [("features.0.weight", [64, 1, 3, 3], new float[64 * 9]), ("features.0.bias", [64], new float[64])]);
        using var engine = new StyleTransfer();
        var error = Assert.Throws<WeightsFileException>(() => engine.Render(Request(Tiny() with { Weights = path })));
        Assert.Contains("[64, 1, 3, 3], expected [64, 3, 3, 3]", error.Message);
    }
}
