using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Tests.Sweeps;

public sealed class SweepSpecParserTests
{
    private const string Yaml = """
        content: photo.jpg
        style: painting.jpg
        settings: {size: 256, iterations: 300, weights: vgg19.safetensors, seed: 1}
        axes:
          style_layers: [[relu1_1], [relu1_1, relu2_1], [relu1_1, relu2_1, relu3_1]]
          alpha_beta: [1.0e-5, 1.0e-4, 1.0e-3, 1.0e-2]
        """;

    private const string Json = """
        {"content": "photo.jpg", "style": "painting.jpg",
         "settings": {"size": 256, "iterations": 300, "weights": "vgg19.safetensors", "seed": 1},
         "axes": {"style_layers": [["relu1_1"], ["relu1_1", "relu2_1"], ["relu1_1", "relu2_1", "relu3_1"]],
                  "alpha_beta": [1.0e-5, 1.0e-4, 1.0e-3, 1.0e-2]}}
        """;

    [Fact]
    public void The_issue_example_parses_with_paths_relative_to_the_spec()
    {
        var spec = SweepSpecParser.Parse(Yaml, "/data/sweeps");

        Assert.Equal(["/data/sweeps/photo.jpg"], spec.Contents);
        Assert.Equal(["/data/sweeps/painting.jpg"], spec.Styles.Single());
        Assert.Contains(spec.Settings, s => s.Key == "weights" && s.Value.Items[0] == "/data/sweeps/vgg19.safetensors");
        Assert.Equal(["style_layers", "alpha_beta"], spec.Axes.Select(a => a.Name));
        Assert.Equal(["relu1_1", "relu2_1"], spec.Axes[0].Values[1].Items);
        Assert.True(spec.Axes[0].Values[1].IsList);
        Assert.Equal(12, spec.RenderCount);
    }

    [Fact]
    public void Json_and_yaml_share_one_schema()
    {
        var yaml = SweepSpecParser.Parse(Yaml, "/d");
        var json = SweepSpecParser.Parse(Json, "/d");
        Assert.Equal(Describe(yaml), Describe(json));
    }

    [Fact]
    public void A_nested_style_list_is_one_blended_entry()
    {
        var spec = SweepSpecParser.Parse("content: c.jpg\nstyle: [a.jpg, [b.jpg, c.jpg]]\n", "/d");
        Assert.Equal(2, spec.Styles.Count);
        Assert.Equal(["/d/b.jpg", "/d/c.jpg"], spec.Styles[1]);
    }

    [Theory]
    [InlineData("content: c.jpg\nstyle: s.jpg\nsetings: {size: 64}\n", "unknown key 'setings'")]
    [InlineData("content: c.jpg\nstyle: s.jpg\nsettings: {sise: 64}\n", "unknown setting 'sise'")]
    [InlineData("content: c.jpg\nstyle: s.jpg\naxes: {alpha_bta: [1]}\n", "unknown setting 'alpha_bta'")]
    [InlineData("content: c.jpg\nstyle: s.jpg\naxes: {alpha_beta: []}\n", "axes.alpha_beta is empty")]
    [InlineData("content: c.jpg\nstyle: s.jpg\naxes: {alpha_beta: 1}\n", "must be a list")]
    [InlineData("content: [c.jpg\n", "not valid YAML or JSON")]
    [InlineData("- just\n- a list\n", "one mapping")]
    [InlineData("content: c.jpg\nstyle: s.jpg\nsettings: {size: {nested: map}}\n", "scalar or a list")]
    public void A_malformed_spec_is_a_clear_error(string text, string message)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecParser.Parse(text, "/d"));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_spec_file_is_named()
    {
        var error = Assert.Throws<InputFileException>(() => SweepSpecParser.ParseFile("/nowhere/sweep.yaml"));
        Assert.Contains("/nowhere/sweep.yaml", error.Message);
    }

    private static string Describe(SweepSpec spec) => string.Join("|",
        string.Join(",", spec.Contents), string.Join(",", spec.Styles.SelectMany(s => s)),
        string.Join(",", spec.Settings.Select(s => $"{s.Key}={s.Value}")),
        string.Join(",", spec.Axes.Select(a => $"{a.Name}:{string.Join(";", a.Values)}")));
}
