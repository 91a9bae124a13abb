using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Rendering;

/// <summary>Batched renders against their solo renders: the same optimisation, summed in another order.</summary>
[Collection(EngineCollection.Name)]
public sealed class BatchingTests(EngineFixture fixture)
{
    /// <summary>
    /// Largest pixel difference (of [0, 1]) allowed between a batched render and its solo render.
    /// L-BFGS follows the gradient, so batched convolutions' rounding stays tiny. Adam divides by the
    /// gradient's running magnitude, so where a gradient is near zero its sign can flip with rounding
    /// and a pixel can move by up to one learning rate (0.02) the other way: bound the mean tightly too.
    /// </summary>
    public static readonly Dictionary<OptimizerKind, (float Max, float Mean)> Tolerance = new()
    {
        [OptimizerKind.Lbfgs] = (1e-3f, 1e-5f),
        [OptimizerKind.Adam] = (0.02f, 1e-3f),
    };

    private RenderRequest Request(double alphaBeta, OptimizerKind optimizer = OptimizerKind.Lbfgs, string init = "content", long seed = 0) =>
        new(fixture.Content32, [fixture.Style32], new RenderSettings
        {
            Weights = fixture.WeightsPath,
            Size = 32,
            Iterations = 8,
            AlphaBeta = alphaBeta,
            Optimizer = optimizer,
            Init = init,
            Seed = seed,
            StyleLayers = ["relu1_1", "relu2_1", "relu3_1"],
        });

    [Theory]
    [InlineData(OptimizerKind.Lbfgs)]
    [InlineData(OptimizerKind.Adam)]
    public void Each_batched_render_matches_its_solo_render(OptimizerKind optimizer)
    {
        var requests = new[] { Request(1e-5, optimizer), Request(1e-3, optimizer), Request(1e-1, optimizer, "noise", 3) };
        using var engine = new StyleTransfer();

        var batched = engine.RenderBatch(requests.Select(r => r with { Settings = r.Settings with { Init = "noise", Seed = 3 } }).ToArray());
        var solo = requests.Select(r => engine.Render(r with { Settings = r.Settings with { Init = "noise", Seed = 3 } })).ToArray();

        for (var i = 0; i < requests.Length; i++)
        {
            var differences = batched[i].Image.Pixels.Zip(solo[i].Image.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
            var (max, mean) = Tolerance[optimizer];
            Assert.True(differences.Max() <= max, $"render {i}: max pixel difference {differences.Max()} > {max}");
            Assert.True(differences.Average() <= mean, $"render {i}: mean pixel difference {differences.Average()} > {mean}");
            Assert.Equal(solo[i].Trace.Final.Total, batched[i].Trace.Final.Total, solo[i].Trace.Final.Total * 1e-3);
        }
        Assert.NotEqual(batched[0].Image.Pixels, batched[2].Image.Pixels);
    }

    [Fact]
    public void Renders_with_different_layers_cannot_share_a_batch()
    {
        var other = Request(1e-3) with { Settings = Request(1e-3).Settings with { StyleLayers = ["relu1_1"] } };
        using var engine = new StyleTransfer();
        Assert.Throws<ArgumentException>(() => engine.RenderBatch([Request(1e-3), other]));
    }
}
