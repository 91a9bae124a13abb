using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Rendering;

/// <summary>
/// Batched renders against their solo renders. A batch is the same computation, but batched
/// convolutions round differently in the last bit; after one iteration results agree to 1e-5 per
/// pixel. Later iterations can amplify that (Adam in flat regions, L-BFGS from noise), so over a
/// whole render the promise is a stated tolerance for the default schedule (L-BFGS from the
/// content image), not identical pixels.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class BatchingTests(EngineFixture fixture)
{
    /// <summary>Per pixel (of [0, 1]) after one iteration.</summary>
    public const float OneIterationTolerance = 1e-5f;

    /// <summary>Over 20 L-BFGS iterations from the content image: largest and mean pixel difference, relative final-loss difference.</summary>
    public static readonly (float Max, float Mean, double Loss) RenderTolerance = (2e-2f, 2e-3f, 1e-2);

    private RenderRequest Request(double alphaBeta, int iterations, OptimizerKind optimizer, string init, long seed) =>
        new(fixture.Content32, [fixture.Style32], new RenderSettings
        {
            Weights = fixture.WeightsPath,
            Size = 32,
            Iterations = iterations,
            AlphaBeta = alphaBeta,
            Optimizer = optimizer,
            Init = init,
            Seed = seed,
            StyleLayers = ["relu1_1", "relu2_1", "relu3_1"],
        });

    private (RenderResult[] Batched, RenderResult[] Solo) Both(int iterations, OptimizerKind optimizer, string init)
    {
        // Weights and seeds differ within the batch: each item has its own loss and its own start.
        var requests = new[] { 1e-5, 1e-3, 1e-1 }.Select((ratio, i) => Request(ratio, iterations, optimizer, init, 3 + i)).ToArray();
        using var engine = new StyleTransfer();
        return (engine.RenderBatch(requests).ToArray(), requests.Select(r => engine.Render(r)).ToArray());
    }

    [Theory]
    [InlineData(OptimizerKind.Lbfgs, "noise")]
    [InlineData(OptimizerKind.Adam, "noise")]
    [InlineData(OptimizerKind.Lbfgs, "content")]
    public void One_batched_iteration_equals_the_solo_iteration_up_to_rounding(OptimizerKind optimizer, string init)
    {
        var (batched, solo) = Both(1, optimizer, init);
        for (var i = 0; i < batched.Length; i++)
        {
            var difference = batched[i].Image.Pixels.Zip(solo[i].Image.Pixels, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference <= OneIterationTolerance, $"render {i}: max pixel difference {difference} > {OneIterationTolerance}");
            Assert.Equal(solo[i].Trace.Iterations[0].Total, batched[i].Trace.Iterations[0].Total, solo[i].Trace.Iterations[0].Total * 1e-6);
        }
        Assert.NotEqual(batched[0].Image.Pixels, batched[1].Image.Pixels);
    }

    [Fact]
    public void A_batched_render_matches_its_solo_render_within_the_stated_tolerance()
    {
        var (batched, solo) = Both(20, OptimizerKind.Lbfgs, "content");
        for (var i = 0; i < batched.Length; i++)
        {
            var differences = batched[i].Image.Pixels.Zip(solo[i].Image.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
            Assert.True(differences.Max() <= RenderTolerance.Max, $"render {i}: max pixel difference {differences.Max()}");
            Assert.True(differences.Average() <= RenderTolerance.Mean, $"render {i}: mean pixel difference {differences.Average()}");
            Assert.Equal(solo[i].Trace.Final.Total, batched[i].Trace.Final.Total, solo[i].Trace.Final.Total * RenderTolerance.Loss);
        }
    }

    [Fact]
    public void Renders_with_different_layers_cannot_share_a_batch()
    {
        var one = Request(1e-3, 2, OptimizerKind.Lbfgs, "content", 0);
        var other = one with { Settings = one.Settings with { StyleLayers = ["relu1_1"] } };
        using var engine = new StyleTransfer();
        Assert.Throws<ArgumentException>(() => engine.RenderBatch([one, other]));
    }
}
