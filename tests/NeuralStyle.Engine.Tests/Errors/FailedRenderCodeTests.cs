using System.Text.Json.Nodes;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Tests.Sweeps;

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

    [Fact]
    public void A_sweep_records_the_code_of_a_diverged_render_in_sweep_json()
    {
        using var engine = new StyleTransfer();
        var plan = SweepTestPlans.Plan(fixture, "  learning_rate: [1, 1000]\n", ", style_weight: 1e12", iterations: 6);

        var outcome = new SweepRunner(engine, batchSize: 1).Run(plan, _out.Path);

        var (stable, diverged) = (outcome.Manifest.Renders[0], outcome.Manifest.Renders[1]);
        Assert.Equal((RenderStatus.Succeeded, null), (stable.Status, stable.ErrorCode));
        Assert.Equal((RenderStatus.Failed, "render_diverged"), (diverged.Status, diverged.ErrorCode));
        Assert.Contains("diverged", diverged.Error, StringComparison.Ordinal);
        Assert.Equal("render_diverged", RawRenders()[1]!["error_code"]!.GetValue<string>());
        Assert.Null(RawRenders()[0]!["error_code"]);
    }

    [Fact]
    public void A_sweep_records_a_render_on_an_absent_device_as_device_unavailable()
    {
        using var engine = new StyleTransfer();
        // cuda:99 is absent on a CPU build and on any real machine.
        var plan = SweepTestPlans.Plan(fixture, "  device: [cpu, cuda:99]\n");

        var outcome = new SweepRunner(engine, batchSize: 4).Run(plan, _out.Path);

        var failed = outcome.Manifest.Renders[1];
        Assert.Equal((RenderStatus.Failed, "device_unavailable"), (failed.Status, failed.ErrorCode));
        Assert.Equal("device_unavailable", RawRenders()[1]!["error_code"]!.GetValue<string>());
    }

    [Fact]
    public void A_manifest_written_before_error_codes_is_still_read()
    {
        using var engine = new StyleTransfer();
        new SweepRunner(engine, batchSize: 4).Run(SweepTestPlans.Plan(fixture, "  device: [cpu, cuda:99]\n"), _out.Path);
        var path = Path.Combine(_out.Path, SweepManifest.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var render in json["renders"]!.AsArray())
        {
            render!.AsObject().Remove("error_code");
        }
        File.WriteAllText(path, json.ToJsonString());

        var manifest = SweepManifest.TryRead(_out.Path);

        Assert.NotNull(manifest);
        Assert.Equal((RenderStatus.Failed, null), (manifest.Renders[1].Status, manifest.Renders[1].ErrorCode));
        Assert.Contains("cuda:99", manifest.Renders[1].Error, StringComparison.Ordinal);
    }

    public void Dispose() => _out.Dispose();

    private JsonArray RawRenders()
    {
        using var stream = File.OpenRead(Path.Combine(_out.Path, SweepManifest.FileName));
        return JsonNode.Parse(stream)!["renders"]!.AsArray();
    }
}
