using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Tests.Settings;

public sealed class SettingCatalogTests
{
    private static RenderSettings Apply(params (string Name, string Value)[] values) =>
        SettingCatalog.Apply(new RenderSettings(),
            values.Select(v => KeyValuePair.Create(v.Name, SettingValue.Of(v.Value))));

    [Fact]
    public void Defaults_are_the_papers_layers_and_documented_values()
    {
        var settings = Apply();
        Assert.Equal(["relu4_2"], settings.ContentLayers);
        Assert.Equal(["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], settings.StyleLayers);
        Assert.All(settings.EffectiveStyleLayerWeights, w => Assert.Equal(0.2, w, 12));
        Assert.Equal(1.0, settings.EffectiveContentWeight);
        Assert.Equal(1000, settings.StyleWeight);
        Assert.Equal(256, settings.Size);
        Assert.Equal(OptimizerKind.Lbfgs, settings.Optimizer);
        Assert.Equal(1.0, settings.EffectiveLearningRate);
        Assert.Equal(0.02, (settings with { Optimizer = OptimizerKind.Adam }).EffectiveLearningRate);
    }

    [Fact]
    public void Alpha_beta_sets_alpha_as_the_ratio_times_beta()
    {
        var settings = Apply(("style_weight", "200"), ("alpha_beta", "1e-3"));
        Assert.Equal(0.2, settings.EffectiveContentWeight, 12);
        Assert.Equal(0.2, settings.Resolve().ContentWeight!.Value, 12);
    }

    [Fact]
    public void Every_setting_name_is_its_option_and_its_json_field()
    {
        var json = RenderSettingsJson.Serialize(new RenderSettings
        {
            ContentWeight = 1, AlphaBeta = null, StyleLayerWeights = [1, 1, 1, 1, 1], LearningRate = 1,
            StyleBlendWeights = [1], Scales = [64],
        });
        foreach (var definition in SettingCatalog.All)
        {
            Assert.Equal("--" + definition.Name.Replace('_', '-'), definition.OptionName);
            if (definition.Name != "alpha_beta")
            {
                Assert.Contains($"\"{definition.Name}\":", json);
            }
        }
    }

    [Fact]
    public void Lists_are_given_comma_separated_or_as_sequences()
    {
        Assert.Equal(["relu1_1", "conv2_1"], Apply(("style_layers", "relu1_1, conv2_1")).StyleLayers);
        var fromList = SettingCatalog.Apply(new RenderSettings(),
            [KeyValuePair.Create("style_layers", SettingValue.OfList(["relu1_1", "pool2"]))]);
        Assert.Equal(["relu1_1", "pool2"], fromList.StyleLayers);
    }

    [Theory]
    [InlineData("style_weight", "-1", "must be a finite number >= 0")]
    [InlineData("content_weight", "NaN", "must be a finite number >= 0")]
    [InlineData("tv_weight", "abc", "is not a number")]
    [InlineData("style_layers", "relu1_1,relu9_9", "unknown layer 'relu9_9'")]
    [InlineData("content_layers", "relu4_2,relu4_2", "lists a layer twice")]
    [InlineData("size", "16", "out of range 32..8192")]
    [InlineData("size", "100000", "out of range")]
    [InlineData("iterations", "0", "out of range 1..")]
    [InlineData("optimizer", "sgd", "is not one of lbfgs, adam")]
    [InlineData("pooling", "1", "is not one of max, avg")]
    [InlineData("learning_rate", "0", "must be a positive number")]
    [InlineData("learning_rate", "1e38", "up to 1000")]
    [InlineData("style_weight", "1e30", "float32")]
    [InlineData("alpha_beta", "1e10", "above 1E+12")]
    [InlineData("init", "/nowhere/at/all.png", "is neither content, noise, style nor an existing image file")]
    [InlineData("device", "gpu", "is not cpu, cuda or cuda:N")]
    [InlineData("save_every", "-5", "must be 0")]
    [InlineData("style_scale", "0.01", "outside 32..8192")]
    [InlineData("style_layer_weights", "1,1", "2 weights for 5 style layers")]
    [InlineData("style_layer_weights", "0,0,0,0,0", "at least one weight must be positive")]
    [InlineData("original_colors", "maybe", "is not true or false")]
    [InlineData("scales", "64,8", "out of range")]
    public void A_bad_value_is_an_error_that_names_the_setting(string name, string value, string problem)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Apply((name, value)));
        Assert.Equal(name, error.Setting);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Content_weight_and_alpha_beta_together_are_ambiguous()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Apply(("content_weight", "2"), ("alpha_beta", "1e-3")));
        Assert.Contains("not both", error.Message);
    }

    [Fact]
    public void Size_and_scales_from_one_source_must_agree_on_the_results_size()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Apply(("size", "512"), ("scales", "64,128")));
        Assert.Equal("scales", error.Setting);
        Assert.Contains("size 512 disagrees with scales 64,128", error.Message);

        var agreeing = Apply(("scales", "64,128"), ("size", "128"));
        Assert.Equal([64, 128], agreeing.EffectiveScales);
    }

    [Fact]
    public void A_later_sources_size_replaces_an_earlier_sources_scales_and_the_other_way_round()
    {
        var fromSpec = Apply(("scales", "64,128"));
        Assert.Equal(128, fromSpec.Size);

        var sized = SettingCatalog.Apply(fromSpec, [KeyValuePair.Create("size", SettingValue.Of("96"))]);
        Assert.Equal([96], sized.EffectiveScales);
        Assert.Null(sized.Scales);

        var rescaled = SettingCatalog.Apply(Apply(("size", "96")), [KeyValuePair.Create("scales", SettingValue.Of("32,64"))]);
        Assert.Equal([32, 64], rescaled.EffectiveScales);
        Assert.Equal(64, rescaled.Resolve().Size);
    }

    [Fact]
    public void An_unknown_setting_lists_the_known_ones()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Apply(("style_wieght", "1")));
        Assert.Contains("unknown setting", error.Message);
        Assert.Contains("style_weight", error.Message);
    }

    [Fact]
    public void Settings_survive_a_json_round_trip()
    {
        var settings = Apply(("alpha_beta", "1e-4"), ("style_layers", "relu1_1,relu2_1"), ("pooling", "avg"),
            ("optimizer", "adam"), ("scales", "64,128"), ("original_colors", "true"), ("seed", "42")).Resolve();
        var back = RenderSettingsJson.Deserialize(RenderSettingsJson.Serialize(settings));
        Assert.Equal(RenderSettingsJson.Serialize(settings), RenderSettingsJson.Serialize(back));
        Assert.Equal(PoolingKind.Avg, back.Pooling);
        Assert.Equal([64, 128], back.Scales);
        Assert.Contains("\"pooling\":\"avg\"", RenderSettingsJson.Serialize(settings));
    }

    [Fact]
    public void Json_with_an_unknown_field_is_rejected()
    {
        var error = Assert.Throws<InvalidSettingException>(() => RenderSettingsJson.Deserialize("""{"style_wieght": 3}"""));
        Assert.Contains("style_wieght", error.Message);
    }
}
