using System.Text.Json.Nodes;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Errors;

/// <summary>The code a real failed render carries, from the engine and in sweep.json.</summary>
[Collection(EngineCollection.Name)]
public sealed class FailedRenderCodeTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    [Fact]
    public void A_render_that_diverges_has_the_code_render_diverged_and_is_not_retried()
    {
        using var engine = new StyleTransfer();
        var settings = new RenderSettings
        {
            Weights = fixture.WeightsPath, Size = 32, Iterations = 6, LearningRate = 1000, StyleWeight = 1e12,
            StyleLayers = ["relu1_1", "relu2_1", "relu3_1"], ContentLayers = ["relu3_2"],
        };

        var error = Assert.Throws<EngineFailureException>(() => engine.Render(new RenderRequest(fixture.Content32, [fixture.Style32], settings)));

        Assert.Equal(ErrorCode.RenderDiverged, error.Code);
        Assert.Equal(("render_diverged", false), (RenderError.From(error).Code, RenderError.From(error).Retryable));
    }

    public void Dispose() => _out.Dispose();

    private JsonArray RawRenders()
    {
        using var stream = File.OpenRead(Path.Combine(_out.Path, SweepManifest.FileName));
        return JsonNode.Parse(stream)!["renders"]!.AsArray();
    }
}
