using System.Text.Json;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Rendering;

/// <summary>A diverged render's losses (infinite, NaN) in every JSON the engine writes.</summary>
public sealed class RenderTraceJsonTests
{
    private static readonly IterationLosses Diverged = new(3, double.PositiveInfinity, double.NaN, double.NegativeInfinity, 0.5,
        new Dictionary<string, double> { ["relu2_2"] = double.NaN },
        new Dictionary<string, double> { ["relu1_1"] = double.PositiveInfinity }, 0.25);

    private static RenderTrace Trace() => new(new RenderSettings { Size = 32 }.Resolve(), "00", new InputImage("c.png", "11"),
        [new InputImage("s.png", "22")], "cpu", 32, 24, Cancelled: false, 1.5, [Diverged with { Iteration = 0, Total = 1 }, Diverged]);

    [Fact]
    public void A_trace_with_infinite_and_nan_losses_is_written_as_named_literals_and_read_back()
    {
        var json = RenderTraceJson.Serialize(Trace());

        using var document = JsonDocument.Parse(json);
        var last = document.RootElement.GetProperty("iterations")[1];
        Assert.Equal("Infinity", last.GetProperty("total").GetString());
        Assert.Equal("NaN", last.GetProperty("content").GetString());
        Assert.Equal("-Infinity", last.GetProperty("style").GetString());
        Assert.Equal(0.5, last.GetProperty("tv").GetDouble());
        var read = last.Deserialize<IterationLosses>(RenderTraceJson.Options)!;
        Assert.Equal(double.PositiveInfinity, read.Total);
        Assert.True(double.IsNaN(read.Content));
        Assert.Equal(double.PositiveInfinity, read.StyleLayers["relu1_1"]);
    }

    [Fact]
    public void Png_metadata_of_a_diverged_trace_carries_its_final_losses()
    {
        var chunk = RenderMetadata.For(Trace())[RenderMetadata.Key];

        using var document = JsonDocument.Parse(chunk);
        Assert.Equal("Infinity", document.RootElement.GetProperty("final").GetProperty("total").GetString());
    }

    [Fact]
    public void A_snapshot_of_a_diverging_render_is_written_with_its_losses()
    {
        using var directory = new TemporaryDirectory();
        var progress = new RenderProgress(0, 1, 3, 6, Diverged, RgbImage.Noise(32, 24, 1));

        var path = RenderSnapshots.Write(directory.File("out.png"), new RenderSettings { Size = 32 }, progress);

        using var document = JsonDocument.Parse(PngText.Read(path)[RenderMetadata.Key]);
        Assert.Equal("Infinity", document.RootElement.GetProperty("snapshot").GetProperty("total").GetString());
    }
}
