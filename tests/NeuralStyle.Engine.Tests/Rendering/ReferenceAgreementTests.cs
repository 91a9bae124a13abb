using System.Globalization;
using System.Text.Json;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;
using Xunit.Abstractions;

namespace NeuralStyle.Engine.Tests.Rendering;

/// <summary>
/// The engine's losses against an independent PyTorch implementation (tests/reference) on the same
/// random weights and the same 64 px images. Images are written at the render size, so neither side
/// resamples; the style image is 64x64 and the content 64x48, so Gram normalisation by M is exercised.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ReferenceAgreementTests(EngineFixture fixture, ITestOutputHelper log)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string, string, string, string, double> LayerSets => new()
    {
        { "relu4_2", "relu1_1,relu2_1,relu3_1,relu4_1,relu5_1", "", "max", 0.5 },
        { "relu4_2", "relu1_1,relu2_1,relu3_1,relu4_1,relu5_1", "", "avg", 0 },
        { "conv4_2,relu2_2", "conv1_1,relu2_1,pool3,conv5_1", "0.1,0.2,0.3,0.4", "avg", 2 },
        { "pool2", "pool1,conv3_4,relu5_4,pool5", "", "max", 0 },
    };

    [Theory]
    [MemberData(nameof(LayerSets))]
    public void Iteration_zero_losses_agree_with_pytorch_in_every_term(string contentLayers, string styleLayers,
        string layerWeights, string pooling, double tvWeight)
    {
        var settings = Settings(contentLayers, styleLayers, layerWeights, pooling, tvWeight) with { Iterations = 1 };
        using var engine = new StyleTransfer();
        var ours = engine.Render(new RenderRequest(fixture.Content64, [fixture.Style64], settings)).Trace.Iterations[0];

        var reference = PythonReference.Trace(ReferenceArguments(settings, layerWeights, "0", "float64"))
            .GetProperty("iterations")[0];

        AssertClose(reference, "total", ours.Total);
        AssertClose(reference, "content", ours.Content);
        AssertClose(reference, "style", ours.Style);
        AssertClose(reference, "tv", ours.Tv);
        foreach (var (layer, value) in ours.ContentLayers)
        {
            AssertClose(reference.GetProperty("content_layers"), layer, value);
        }
        foreach (var (layer, value) in ours.StyleLayers)
        {
            AssertClose(reference.GetProperty("style_layers"), layer, value);
        }
        Assert.Equal(settings.ContentLayers.Count, ours.ContentLayers.Count);
        Assert.Equal(settings.StyleLayers.Count, ours.StyleLayers.Count);
        Assert.True(ours.Content > 0 && ours.Style > 0, "a zero loss would make the comparison vacuous");
    }

    [Theory]
    [InlineData("lbfgs", "1")]
    [InlineData("adam", "0.02")]
    public void Five_iterations_follow_the_same_path_as_torch_optim(string optimizer, string learningRate)
    {
        var settings = Settings("relu4_2", "relu1_1,relu2_1,relu3_1", "", "max", 0) with
        {
            Iterations = 5,
            Optimizer = Enum.Parse<OptimizerKind>(optimizer, ignoreCase: true),
            LearningRate = double.Parse(learningRate, CultureInfo.InvariantCulture),
        };
        using var engine = new StyleTransfer();
        var ours = engine.Render(new RenderRequest(fixture.Content64, [fixture.Style64], settings)).Trace.Iterations;

        var arguments = ReferenceArguments(settings, "", "5", "float32").Concat(["--optimizer", optimizer, "--learning-rate", learningRate]);
        var reference = PythonReference.Trace([.. arguments]).GetProperty("iterations");

        Assert.Equal(6, ours.Count);
        Assert.Equal(6, reference.GetArrayLength());
        for (var k = 0; k <= 5; k++)
        {
            // float32 on both sides, the same libtorch: measured 1e-7 apart; a different optimiser step would be far off.
            var expected = reference[k].GetProperty("total").GetDouble();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{optimizer} iteration {k}: relative difference {Math.Abs(ours[k].Total - expected) / expected:E2}"));
            Assert.Equal(expected, ours[k].Total, ours[k].Total * 1e-5);
        }
        Assert.True(ours[5].Total < ours[0].Total * 0.9, $"loss should fall: {ours[0].Total} -> {ours[5].Total}");
    }

    private RenderSettings Settings(string contentLayers, string styleLayers, string layerWeights, string pooling, double tvWeight)
    {
        var values = new Dictionary<string, SettingValue>
        {
            ["weights"] = SettingValue.Of(fixture.WeightsPath),
            ["size"] = SettingValue.Of("64"),
            ["init"] = SettingValue.Of(fixture.Init64),
            ["content_layers"] = SettingValue.Of(contentLayers),
            ["style_layers"] = SettingValue.Of(styleLayers),
            ["pooling"] = SettingValue.Of(pooling),
            ["tv_weight"] = SettingValue.Of(tvWeight.ToString(CultureInfo.InvariantCulture)),
        };
        if (layerWeights.Length > 0)
        {
            values["style_layer_weights"] = SettingValue.Of(layerWeights);
        }
        return SettingCatalog.Apply(new RenderSettings(), values);
    }

    private string[] ReferenceArguments(RenderSettings s, string layerWeights, string iterations, string dtype)
    {
        var arguments = new List<string>
        {
            "--weights", fixture.WeightsPath, "--content", fixture.Content64, "--style", fixture.Style64,
            "--init", fixture.Init64, "--content-layers", string.Join(',', s.ContentLayers),
            "--style-layers", string.Join(',', s.StyleLayers), "--pooling", s.Pooling.ToString().ToLowerInvariant(),
            "--content-weight", s.EffectiveContentWeight.ToString("R", CultureInfo.InvariantCulture),
            "--style-weight", s.StyleWeight.ToString("R", CultureInfo.InvariantCulture),
            "--tv-weight", s.TvWeight.ToString("R", CultureInfo.InvariantCulture),
            "--iterations", iterations, "--dtype", dtype, "--threads", "2",
        };
        if (layerWeights.Length > 0)
        {
            arguments.AddRange(["--style-layer-weights", layerWeights]);
        }
        return [.. arguments];
    }

    private void AssertClose(JsonElement reference, string key, double actual)
    {
        var expected = reference.GetProperty(key).GetDouble();
        var scale = Math.Max(Math.Abs(expected), 1e-30);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}: relative difference {Math.Abs(actual - expected) / scale:E2}"));
        Assert.True(Math.Abs(actual - expected) <= Tolerance * scale || (expected == 0 && actual == 0),
            $"{key}: engine {actual:R}, reference {expected:R}, relative difference {Math.Abs(actual - expected) / scale:E2} > {Tolerance:E0}");
    }
}
