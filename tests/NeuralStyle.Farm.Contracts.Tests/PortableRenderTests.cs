using System.Text.Json.Nodes;

namespace NeuralStyle.Farm.Contracts.Tests;

public sealed class PortableRenderTests
{
    /// <summary>Values a host could open as a file; none may ever stand for an input.</summary>
    public static TheoryData<string> Paths => new()
    {
        "/home/user/.cache/neuralstyle-farm/vgg19.tv_in1k.safetensors",
        "vgg19.safetensors",
        "./content.png",
        "../" + new string('a', 61),
        "~/content.png",
        "C:\\images\\content.png",
        "C:content",
        "/" + new string('a', 63),
        "/dev/zero",
        "sha256:../../etc/passwd",
    };

    [Fact]
    public void Empty_or_missing_layers_and_empty_scales_are_problems_not_keys()
    {
        var render = Renders.Valid() with
        {
            Settings = new() { ContentLayers = [null!], StyleLayers = [], Scales = [] },
        };

        Assert.Equal(["settings.content_layers", "settings.style_layers", "settings.scales"], render.Problems().Select(p => p.Field));
    }

    [Fact]
    public void A_render_breaking_the_contract_many_times_gets_a_message_of_the_first_twenty()
    {
        var render = Renders.Valid() with { Styles = Enumerable.Repeat("not-a-hash", 100_000).ToArray() };

        var error = Assert.Throws<InvalidContractException>(render.Validate);

        Assert.Equal(100_000, error.Problems.Count);
        Assert.EndsWith("; and 99980 more", error.Message);
        Assert.True(error.Message.Length < 10_000, $"{error.Message.Length} characters");
    }

    [Fact]
    public void A_render_with_every_input_named_by_hash_is_valid()
    {
        Assert.Empty(Renders.Valid().Problems());
        Assert.Empty((Renders.Valid() with { Settings = new() { Init = "sha256:" + Renders.Init } }).Problems());
        Assert.Empty((Renders.Valid() with { StartFrom = new(Renders.OtherKey, 300) }).Problems());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void No_input_field_accepts_a_path(string path)
    {
        var renders = new (string Field, PortableRender Render)[]
        {
            ("content", Renders.Valid() with { Content = path }),
            ("styles[1]", Renders.Valid() with { Styles = [Renders.Style, path] }),
            ("weights", Renders.Valid() with { Weights = path }),
            ("settings.init", Renders.Valid() with { Settings = new() { Init = path } }),
            ("start_from.key", Renders.Valid() with { StartFrom = new(path, 0) }),
        };
        foreach (var (field, render) in renders)
        {
            var problem = Assert.Single(render.Problems());
            Assert.Equal(field, problem.Field);
            Assert.Throws<InvalidContractException>(() => render.Key());
        }
    }

    [Fact]
    public void A_path_is_called_a_path_and_the_message_says_to_name_the_file_by_hash()
    {
        var problem = Assert.Single((Renders.Valid() with { Weights = "/models/vgg19.safetensors" }).Problems());

        Assert.Equal("weights", problem.Field);
        Assert.Contains("'/models/vgg19.safetensors' is a path", problem.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", "lower case")]
    [InlineData("ccc", "is not a SHA-256")]
    [InlineData("cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccg", "is not a SHA-256")]
    [InlineData("cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc ", "is not a SHA-256")]
    [InlineData("", "is missing")]
    public void A_malformed_hash_is_refused_saying_why(string hash, string why)
    {
        var problem = Assert.Single((Renders.Valid() with { Content = hash }).Problems());

        Assert.Equal("content", problem.Field);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_inputs_are_each_named()
    {
        var problems = new PortableRender().Problems();

        Assert.Equal(["content", "styles", "weights"], problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.Contains("is missing", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Inputs_set_to_null_by_json_are_missing_not_a_crash()
    {
        var render = FarmJson.Deserialize<PortableRender>("""{"content":null,"styles":null,"weights":null,"settings":null}""");

        Assert.Equal(["content", "styles", "weights", "settings"], render.Problems().Select(p => p.Field));
    }

    [Theory]
    [InlineData("sha256:")]
    [InlineData("sha256:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC")]
    [InlineData("Content")]
    [InlineData("")]
    public void An_init_that_is_neither_a_keyword_nor_an_image_hash_is_refused(string init)
    {
        var problem = Assert.Single((Renders.Valid() with { Settings = new() { Init = init } }).Problems());

        Assert.Equal("settings.init", problem.Field);
    }

    [Fact]
    public void Blend_weights_must_match_the_style_images()
    {
        var render = Renders.Valid() with { Settings = new() { StyleBlendWeights = [1, 2] } };

        var problem = Assert.Single(render.Problems());
        Assert.Equal("settings.style_blend_weights", problem.Field);
        Assert.Equal("2 weights for 1 style images", problem.Message);
    }

    [Fact]
    public void Non_finite_settings_are_refused()
    {
        var render = Renders.Valid() with { Settings = new() { StyleWeight = double.NaN, LearningRate = double.PositiveInfinity } };

        Assert.Equal(["settings.style_weight", "settings.learning_rate"], render.Problems().Select(p => p.Field));
    }

    [Fact]
    public void Start_from_needs_a_key_an_iteration_and_no_other_init()
    {
        var render = Renders.Valid() with { StartFrom = new("x", -1), Settings = new() { Init = "noise" } };

        Assert.Equal(["start_from.key", "start_from.iteration", "start_from"], render.Problems().Select(p => p.Field));
    }

    [Fact]
    public void Validate_lists_every_problem_in_one_exception()
    {
        var e = Assert.Throws<InvalidContractException>(() => new PortableRender { Content = "/tmp/c.png" }.Validate());

        Assert.Equal(3, e.Problems.Count);
        Assert.StartsWith("content: '/tmp/c.png' is a path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_hostile_value_is_quoted_short_and_without_control_characters()
    {
        var hostile = "/" + new string('x', 100_000) + "\n\u001b[31m";

        var problem = Assert.Single((Renders.Valid() with { Content = hostile }).Problems());

        Assert.True(problem.Message.Length < 400, problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void Json_uses_the_settings_own_names_and_round_trips()
    {
        var render = Renders.Valid() with
        {
            Styles = [Renders.Style, Renders.Style2],
            StartFrom = new(Renders.OtherKey, 100),
            Settings = new()
            {
                ContentWeight = 5, StyleWeight = 1e4, TvWeight = 1e-3, StyleLayerWeights = [1, 2, 3, 4, 5],
                Optimizer = PortableOptimizer.Adam, LearningRate = 0.05, Pooling = PortablePooling.Avg, Seed = 42,
                SaveEvery = 10, StyleScale = 0.5, StyleBlendWeights = [1, 3], OriginalColors = true, Scales = [128, 256],
            },
        };

        var json = FarmJson.Serialize(render);
        var node = JsonNode.Parse(json)!.AsObject();
        var settings = node["settings"]!.AsObject();

        Assert.Equal("pixel_optimisation", node["kind"]!.GetValue<string>());
        Assert.Equal(Renders.OtherKey, node["start_from"]!["key"]!.GetValue<string>());
        Assert.Equal(
            ["content_weight", "style_weight", "tv_weight", "content_layers", "style_layers", "style_layer_weights", "size",
             "iterations", "optimizer", "learning_rate", "init", "pooling", "seed", "save_every", "style_scale",
             "style_blend_weights", "original_colors", "scales"],
            settings.Select(p => p.Key));
        Assert.Equal("adam", settings["optimizer"]!.GetValue<string>());
        Assert.Equal("avg", settings["pooling"]!.GetValue<string>());
        var back = FarmJson.Deserialize<PortableRender>(json);
        Assert.Equal(json, FarmJson.Serialize(back));
        Assert.Equal(render.Key(), back.Key());
    }

    [Theory]
    [InlineData("""{"content":"x","device":"cuda:0"}""", "device")]
    [InlineData("""{"settings":{"weights":"/models/vgg19.safetensors"}}""", "weights")]
    [InlineData("""{"settings":{"device":"cuda:0"}}""", "device")]
    [InlineData("""{"settings":{"style_wieght":1}}""", "style_wieght")]
    [InlineData("""{"kind":"training"}""", "kind")]
    [InlineData("""{"kind":7}""", "kind")]
    [InlineData("""{"content":""", "$")]
    public void Json_with_host_fields_unknown_fields_or_bad_syntax_is_refused(string json, string named)
    {
        var e = Assert.Throws<InvalidContractException>(() => FarmJson.Deserialize<PortableRender>(json));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_are_listed_once_each_for_fetching()
    {
        var render = Renders.Valid() with { Styles = [Renders.Style, Renders.Style], Settings = new() { Init = "sha256:" + Renders.Init } };

        Assert.Equal([Renders.Content, Renders.Style, Renders.Init, Renders.Weights], render.InputSha256s());
    }
}
