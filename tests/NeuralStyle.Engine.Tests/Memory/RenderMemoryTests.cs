using NeuralStyle.Engine.Memory;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Memory;

[Collection(EngineCollection.Name)]
public sealed class RenderMemoryTests(EngineFixture fixture)
{
    private static readonly RenderSettings Defaults = new() { Weights = "unused.safetensors" };

    [Fact]
    public void Activations_and_optimiser_state_grow_with_the_pixels_and_the_batch()
    {
        var small = RenderMemory.Estimate(Defaults with { Size = 256 }, 0, 0);
        var large = RenderMemory.Estimate(Defaults with { Size = 512 }, 0, 0);
        var batch = RenderMemory.Estimate(Defaults with { Size = 256 }, 0, 0, batch: 4);

        Assert.Equal(4.0, large.Activations / (double)small.Activations, 2);
        Assert.Equal(4.0, batch.Activations / (double)small.Activations, 2);
        Assert.Equal(4.0, batch.Optimizer / (double)small.Optimizer, 2);
        Assert.Equal(small.Model, large.Model);
    }

    [Fact]
    public void The_content_images_aspect_sets_the_pixels_and_an_unknown_image_counts_as_square()
    {
        var wide = RenderMemory.Estimate(Defaults with { Size = 512 }, 2000, 1000);
        var unknown = RenderMemory.Estimate(Defaults with { Size = 512 }, 0, 0);

        Assert.Equal(0.5, wide.Activations / (double)unknown.Activations, 2);
    }

    [Fact]
    public void Deeper_layers_cost_more_and_load_more_of_the_model()
    {
        var shallow = RenderMemory.Estimate(Defaults with { StyleLayers = ["relu1_1"], ContentLayers = ["relu1_2"] }, 0, 0);
        var deep = RenderMemory.Estimate(Defaults, 0, 0);

        Assert.True(deep.Activations > shallow.Activations);
        Assert.True(deep.Model > 100 * shallow.Model, $"model {deep.Model} vs {shallow.Model}");
    }

    [Fact]
    public void Lbfgs_keeps_two_images_per_step_up_to_its_history_and_adam_keeps_a_few()
    {
        var pixels = 256.0 * 256;
        var lbfgs10 = RenderMemory.Estimate(Defaults with { Iterations = 10 }, 0, 0);
        var lbfgs500 = RenderMemory.Estimate(Defaults with { Iterations = 500 }, 0, 0);
        var adam = RenderMemory.Estimate(Defaults with { Optimizer = OptimizerKind.Adam, Iterations = 500 }, 0, 0);

        Assert.Equal((2 * 10 + 6) * 12, lbfgs10.Optimizer / pixels, 3);
        Assert.Equal((2 * 100 + 6) * 12, lbfgs500.Optimizer / pixels, 3);
        Assert.True(adam.Optimizer < lbfgs10.Optimizer);
    }

    [Fact]
    public void A_multi_scale_render_is_estimated_at_its_largest_scale()
    {
        var scales = RenderMemory.Estimate(Defaults with { Scales = [512, 128] }, 0, 0);
        var single = RenderMemory.Estimate(Defaults with { Size = 512 }, 0, 0);

        Assert.Equal(single.Activations, scales.Activations);
    }

    [Fact]
    public void A_render_over_the_engines_memory_limit_is_refused_before_the_model_loads()
    {
        using var engine = new StyleTransfer(memoryLimit: 64L << 20);
        var request = new RenderRequest(fixture.Content32, [fixture.Style32],
            new RenderSettings { Weights = fixture.WeightsPath, Size = 256, Iterations = 1 });

        var e = Assert.Throws<InsufficientDeviceMemoryException>(() => engine.Render(request));

        Assert.Equal(0, engine.ModelLoads);
        Assert.Contains("this render needs about", e.Message);
        Assert.Contains("GiB", e.Message);
        Assert.Contains("Lower size", e.Message);
    }

    [Fact]
    public void A_large_style_image_is_counted_by_its_forward_pass()
    {
        var small = RenderMemory.Estimate(Defaults with { Size = 64 }, 0, 0);
        var largeStyle = RenderMemory.Estimate(Defaults with { Size = 64, StyleScale = 16 }, 0, 0);

        Assert.True(largeStyle.Activations >= 1024L * 1024 * 1024, $"style at 1024 px: {largeStyle.Activations} bytes");
        Assert.True(largeStyle.Activations > 10 * small.Activations);
    }

    [Fact]
    public void A_render_whose_style_image_would_not_fit_is_refused_before_the_model_loads()
    {
        using var engine = new StyleTransfer(memoryLimit: 256L << 20);
        var request = new RenderRequest(fixture.Content32, [fixture.Style32],
            new RenderSettings { Weights = fixture.WeightsPath, Size = 64, StyleScale = 8, Iterations = 1 });

        Assert.Throws<InsufficientDeviceMemoryException>(() => engine.Render(request));
        Assert.Equal(0, engine.ModelLoads);
    }

    [Fact]
    public void A_render_within_the_limit_runs()
    {
        using var engine = new StyleTransfer(memoryLimit: 4L << 30);
        var request = new RenderRequest(fixture.Content32, [fixture.Style32],
            new RenderSettings { Weights = fixture.WeightsPath, Size = 32, Iterations = 1, StyleLayers = ["relu1_1"], ContentLayers = ["relu2_1"] });

        Assert.Equal(1, engine.Render(request).Trace.Final.Iteration);
    }

    [Theory]
    [InlineData("512M", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1000", 1000L)]
    [InlineData("1.5K", 1536L)]
    public void Memory_limits_are_read_in_binary_units(string text, long bytes) =>
        Assert.Equal(bytes, DeviceMemory.ParseBytes(text));

    [Fact]
    public void A_memory_limit_that_is_not_a_size_is_an_invalid_setting() =>
        Assert.Throws<InvalidSettingException>(() => DeviceMemory.ParseBytes("lots"));

    [Fact]
    public void Cpu_memory_is_known_and_cuda_memory_is_not_read_by_this_build()
    {
        Assert.True(DeviceMemory.Available("cpu") > 0);
        Assert.Null(DeviceMemory.Available("cuda:0"));
    }
}
