using NeuralStyle.Engine.Farm;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Engine.Tests.Farm;

[Collection(EngineCollection.Name)]
public sealed class PortableRendersTests(EngineFixture fixture)
{
    private static readonly string Content = new('c', 64);
    private static readonly string Style = new('5', 64);
    private static readonly string Style2 = new('6', 64);
    private static readonly string Weights = new('e', 64);
    private static readonly string Init = new('1', 64);

    /// <summary>Settings that exercise every part of the key: init kinds, blends, scales, derived values, odd numbers.</summary>
    private static readonly Dictionary<string, (RenderSettings Settings, bool InitImage, bool TwoStyles)> Cases = new()
    {
        ["defaults"] = (new RenderSettings(), false, false),
        ["init noise"] = (new RenderSettings { Init = "noise", Seed = 42 }, false, false),
        ["init style"] = (new RenderSettings { Init = "style" }, false, false),
        ["init path"] = (new RenderSettings { Init = "/somewhere/init.png" }, true, false),
        ["blend"] = (new RenderSettings { StyleBlendWeights = [1, 3] }, false, true),
        ["blend, unset weights"] = (new RenderSettings(), false, true),
        ["scales"] = (new RenderSettings { Scales = [64, 128, 256], Size = 256 }, false, false),
        ["scales with stale size"] = (new RenderSettings { Scales = [64, 96], Size = 256 }, false, false),
        ["alpha_beta"] = (new RenderSettings { AlphaBeta = 1e-3, StyleWeight = 1e4 }, false, false),
        ["adam, avg, colours"] = (new RenderSettings { Optimizer = OptimizerKind.Adam, Pooling = PoolingKind.Avg, OriginalColors = true, StyleScale = 0.5 }, false, false),
        ["layers"] = (new RenderSettings { ContentLayers = ["relu3_2", "relu4_2"], StyleLayers = ["relu1_1", "relu3_1", "relu4_1"], StyleLayerWeights = [0.2, 0.3, 0.5] }, false, false),
        ["odd numbers"] = (new RenderSettings { ContentWeight = 1.0 / 3, StyleWeight = 123456789.123, TvWeight = 1e-7, LearningRate = 0.1 + 0.2, Iterations = 7 }, false, false),
        ["host values"] = (new RenderSettings { Device = "cuda:3", SaveEvery = 5, Weights = "/models/other.safetensors" }, false, false),
        ["everything"] = (new RenderSettings { Init = "/i.png", Scales = [32, 64], AlphaBeta = 2, Optimizer = OptimizerKind.Adam, StyleBlendWeights = [0.5, 0.25], Seed = -9, TvWeight = 1e-2 }, true, true),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_portable_key_equals_the_engines_render_key(string name)
    {
        var (settings, initImage, twoStyles) = Cases[name];
        string[] styles = twoStyles ? [Style, Style2] : [Style];
        var init = initImage ? Init : null;
        var expected = RenderKey.Of(settings, Content, styles, init, Weights);

        var portable = PortableRenders.ToPortable(settings, Content, styles, init, Weights);
        var overTheWire = FarmJson.Deserialize<PortableRender>(FarmJson.Serialize(portable));

        Assert.True(expected == portable.Key(), name);
        Assert.True(expected == overTheWire.Key(), $"{name}, after JSON");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_request_made_from_the_portable_form_has_the_same_key(string name)
    {
        var (settings, initImage, twoStyles) = Cases[name];
        using var directory = new TemporaryDirectory();
        var blobs = new Dictionary<string, string>();
        foreach (var hash in new[] { Content, Style, Style2, Weights, Init })
        {
            blobs[hash] = directory.File(hash[..1] + ".blob");
            File.WriteAllBytes(blobs[hash], [1]);
        }
        string[] styles = twoStyles ? [Style, Style2] : [Style];
        var init = initImage ? Init : null;

        var request = PortableRenders.ToRequest(PortableRenders.ToPortable(settings, Content, styles, init, Weights), h => blobs[h], "cuda:1");

        Assert.Equal(blobs[Content], request.Content);
        Assert.Equal(styles.Select(s => blobs[s]), request.Styles);
        Assert.Equal(blobs[Weights], request.Settings.Weights);
        Assert.Equal("cuda:1", request.Settings.Device);
        Assert.Equal(initImage ? blobs[Init] : settings.Init, request.Settings.Init);
        Assert.True(RenderKey.Of(settings, Content, styles, init, Weights) == RenderKey.Of(request.Settings, Content, styles, init, Weights), name);
    }

    [Fact]
    public void Portable_defaults_are_the_engines_defaults()
    {
        // A client that leaves settings out must get the render the CLI makes with no options.
        var portable = new PortableRender { Content = Content, Styles = [Style], Weights = Weights };

        Assert.Equal(RenderKey.Of(new RenderSettings(), Content, [Style], null, Weights), portable.Key());
        Assert.Equal(RenderKey.Of(new RenderSettings { AlphaBeta = 5e-4, Optimizer = OptimizerKind.Adam }, Content, [Style], null, Weights),
            (portable with { Settings = new() { AlphaBeta = 5e-4, Optimizer = PortableOptimizer.Adam } }).Key());
    }

    [Fact]
    public void No_host_path_or_device_reaches_the_portable_form()
    {
        var settings = new RenderSettings { Weights = "/secret/models/vgg19.safetensors", Init = "/secret/init.png", Device = "cuda:3" };

        var json = FarmJson.Serialize(PortableRenders.ToPortable(settings, Content, [Style], Init, Weights));

        Assert.DoesNotContain("/secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("cuda", json, StringComparison.Ordinal);
        Assert.Contains($"\"init\":\"sha256:{Init}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_init_file_without_its_hash_or_a_hash_without_an_init_file_is_refused()
    {
        var noHash = Assert.Throws<InvalidSettingException>(() =>
            PortableRenders.ToPortable(new RenderSettings { Init = "/i.png" }, Content, [Style], null, Weights));
        var noFile = Assert.Throws<InvalidSettingException>(() =>
            PortableRenders.ToPortable(new RenderSettings(), Content, [Style], Init, Weights));

        Assert.Equal("init", noHash.Setting);
        Assert.Equal("init", noFile.Setting);
    }

    [Fact]
    public void A_malformed_hash_is_an_invalid_setting_naming_its_field()
    {
        var e = Assert.Throws<InvalidSettingException>(() =>
            PortableRenders.ToPortable(new RenderSettings(), Content, [Style, "/styles/b.png"], null, Weights));

        Assert.Equal("styles[1]", e.Setting);
        Assert.Contains("is a path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_is_validated_as_the_engine_validates_settings()
    {
        var portable = PortableRenders.ToPortable(new RenderSettings(), Content, [Style], null, Weights) with
        {
            Settings = new() { Size = 8 },
        };

        var e = Assert.Throws<InvalidSettingException>(() => PortableRenders.ToRequest(portable, h => "/blobs/" + h, "cpu"));

        Assert.Equal("size", e.Setting);
    }

    [Fact]
    public void A_render_that_starts_from_another_needs_that_image_and_starts_from_it()
    {
        var start = new RenderStart(new string('a', 64), 300);
        var portable = PortableRenders.ToPortable(new RenderSettings(), Content, [Style], null, Weights) with { StartFrom = start };

        var missing = Assert.Throws<InvalidSettingException>(() => PortableRenders.ToRequest(portable, h => "/blobs/" + h, "cpu"));
        var request = PortableRenders.ToRequest(portable, h => "/blobs/" + h, "cpu", s => s == start ? fixture.Init64 : "");

        Assert.Equal("start_from", missing.Setting);
        Assert.Equal(fixture.Init64, request.Settings.Init);
        Assert.NotEqual(RenderKey.Of(new RenderSettings(), Content, [Style], null, Weights), portable.Key());
        Assert.NotEqual(portable.Key(), (portable with { StartFrom = start with { Iteration = 299 } }).Key());
    }

    [Fact]
    public void A_portable_render_resolved_from_a_blob_store_renders()
    {
        var settings = new RenderSettings
        {
            Weights = fixture.WeightsPath, Size = 32, Iterations = 2, Init = fixture.Init64,
            StyleLayers = ["relu1_1", "relu2_1"], ContentLayers = ["relu2_2"],
        };
        var content = InputImage.Of(fixture.Content32);
        var style = InputImage.Of(fixture.Style32);
        var init = InputImage.Of(fixture.Init64);
        var weights = Vgg19Weights.HashOf(fixture.WeightsPath);
        var blobs = new Dictionary<string, string>
        {
            [content.Sha256] = content.Path, [style.Sha256] = style.Path, [init.Sha256] = init.Path, [weights] = fixture.WeightsPath,
        };
        var portable = PortableRenders.ToPortable(settings, content.Sha256, [style.Sha256], init.Sha256, weights);

        using var engine = new StyleTransfer();
        var trace = engine.Render(PortableRenders.ToRequest(portable, h => blobs[h], "cpu")).Trace;

        Assert.Equal(weights, trace.WeightsSha256);
        Assert.Equal(content.Sha256, trace.Content.Sha256);
        Assert.Equal(3, trace.Iterations.Count);
        Assert.Equal(RenderKey.Of(settings, content.Sha256, [style.Sha256], init.Sha256, weights), portable.Key());
    }
}
