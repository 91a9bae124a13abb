using System.Text.Json.Nodes;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Tests.Farm;

public sealed class SubmissionSpecTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nsf-submission-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    private string File(string name)
    {
        var path = Path.Combine(_root, name);
        System.IO.File.WriteAllText(path, name);
        return path;
    }

    private SweepSpec Spec(string yaml) => SweepSpecParser.Parse(yaml, _root);

    private static KeyValuePair<string, SettingValue> Setting(string name, string value) => KeyValuePair.Create(name, SettingValue.Of(value));

    private static string Name(string path) => "sha256:" + Path.GetFileNameWithoutExtension(path).PadRight(64, '0');

    [Fact]
    public void Every_input_path_becomes_its_sha256_name()
    {
        File("c.png");
        File("s1.png");
        File("s2.png");
        File("i.png");
        File("w.safetensors");
        var spec = Spec("title: T\ncontent: c.png\nstyle: [s1.png, [s1.png, s2.png]]\nsettings: {weights: w.safetensors, init: i.png, size: 32}\naxes: {alpha_beta: [1e-5, 1e-4]}");
        var json = SubmissionSpec.ToJson(spec, Name);
        Assert.Equal("T", (string?)json["title"]);
        Assert.Equal(Name("c"), (string?)json["content"]![0]);
        Assert.Equal(Name("s1"), (string?)json["style"]![0]);
        Assert.Equal([Name("s1"), Name("s2")], json["style"]![1]!.AsArray().Select(n => (string?)n));
        Assert.Equal(Name("w"), (string?)json["settings"]!["weights"]);
        Assert.Equal(Name("i"), (string?)json["settings"]!["init"]);
        Assert.DoesNotContain(_root, json.ToJsonString());
    }

    [Fact]
    public void Numbers_stay_as_written_and_lists_stay_lists()
    {
        var spec = Spec("content: c.png\nstyle: s.png\nsettings: {style_layers: [relu1_1, relu2_1], init: noise}\naxes: {alpha_beta: [1e-5, 0.001], content_layers: [relu4_2, [relu2_2, relu4_2]]}");
        var json = SubmissionSpec.ToJson(spec, Name);
        Assert.Equal(["relu1_1", "relu2_1"], json["settings"]!["style_layers"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("noise", (string?)json["settings"]!["init"]);
        Assert.Equal(["1e-5", "0.001"], json["axes"]!["alpha_beta"]!.AsArray().Select(n => (string?)n));
        Assert.IsType<JsonArray>(json["axes"]!["content_layers"]![1]);
    }

    [Fact]
    public void Init_images_and_weights_on_an_axis_are_named_by_hash_too()
    {
        File("a.png");
        File("w1.safetensors");
        var spec = Spec("content: c.png\nstyle: s.png\naxes: {init: [content, a.png], weights: [w1.safetensors]}");
        var json = SubmissionSpec.ToJson(spec, Name);
        Assert.Equal(["content", Name("a")], json["axes"]!["init"]!.AsArray().Select(n => (string?)n));
        Assert.Equal([Name("w1")], json["axes"]!["weights"]!.AsArray().Select(n => (string?)n));
        var inputs = SubmissionSpec.Inputs(spec);
        Assert.Contains(new SubmissionInput(Path.Combine(_root, "a.png"), BlobKind.Image, "init image"), inputs);
        Assert.Contains(new SubmissionInput(Path.Combine(_root, "w1.safetensors"), BlobKind.Weights, "weights file"), inputs);
    }

    [Fact]
    public void Inputs_are_listed_once_each_with_their_kind()
    {
        var spec = Spec("content: [c.png, c.png]\nstyle: [s.png, [s.png, t.png]]\nsettings: {weights: w.safetensors, init: style}");
        Assert.Equal([
            new SubmissionInput(Path.Combine(_root, "c.png"), BlobKind.Image, "content image"),
            new SubmissionInput(Path.Combine(_root, "s.png"), BlobKind.Image, "style image"),
            new SubmissionInput(Path.Combine(_root, "t.png"), BlobKind.Image, "style image"),
            new SubmissionInput(Path.Combine(_root, "w.safetensors"), BlobKind.Weights, "weights file"),
        ], SubmissionSpec.Inputs(spec));
    }

    [Fact]
    public void Command_line_settings_fold_into_the_spec_and_plan_the_same()
    {
        var init = File("i.png");
        var spec = Spec("content: c.png\nstyle: s.png\nsettings: {alpha_beta: 1e-3, scales: [32, 48], iterations: 5, size: 48}\naxes: {style_weight: [10, 100]}");
        KeyValuePair<string, SettingValue>[] overrides = [Setting("content_weight", "7"), Setting("size", "40"), Setting("iterations", "3"), Setting("init", init)];
        var merged = SubmissionSpec.Merge(spec, overrides);
        var expected = SweepPlanner.Expand(spec, overrides).Points.Select(p => p.Request).ToArray();
        var actual = SweepPlanner.Expand(merged, []).Points.Select(p => p.Request).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(RenderSettingsJson.Serialize(expected[i].Settings), RenderSettingsJson.Serialize(actual[i].Settings));
        }
        Assert.Equal(7, actual[0].Settings.EffectiveContentWeight);
        Assert.Equal(40, actual[0].Settings.Size);
        Assert.Null(actual[0].Settings.Scales);
    }

    [Fact]
    public void A_relative_weights_path_on_the_command_line_is_taken_from_the_working_directory()
    {
        var merged = SubmissionSpec.Merge(Spec("content: c.png\nstyle: s.png"), [Setting("weights", "some/w.safetensors")]);
        Assert.Equal(Path.GetFullPath("some/w.safetensors"), merged.Settings.Single(s => s.Key == "weights").Value.Items[0]);
    }

    [Fact]
    public void The_default_weights_are_named_only_when_the_spec_names_none_and_the_file_exists()
    {
        var weights = File("default.safetensors");
        var bare = Spec("content: c.png\nstyle: s.png");
        Assert.Equal(weights, SubmissionSpec.WithDefaultWeights(bare, weights).Settings.Single(s => s.Key == "weights").Value.Items[0]);
        Assert.Empty(SubmissionSpec.WithDefaultWeights(bare, Path.Combine(_root, "missing.safetensors")).Settings);
        var named = Spec("content: c.png\nstyle: s.png\nsettings: {weights: mine.safetensors}");
        Assert.Equal(Path.Combine(_root, "mine.safetensors"), SubmissionSpec.WithDefaultWeights(named, weights).Settings.Single(s => s.Key == "weights").Value.Items[0]);
        var onAxis = Spec("content: c.png\nstyle: s.png\naxes: {weights: [a.safetensors, b.safetensors]}");
        Assert.Empty(SubmissionSpec.WithDefaultWeights(onAxis, weights).Settings);
    }

    [Fact]
    public void The_json_is_a_spec_nsf_sweep_reads_back_to_the_same_plan()
    {
        File("i.png");
        var spec = Spec("title: round trip\ncontent: [c.png, d.png]\nstyle: [s.png, [s.png, t.png]]\n" +
            "settings: {size: 32, iterations: 2, init: i.png, weights: w.safetensors, style_layers: [relu1_1, relu2_1], style_blend_weights: [1, 2]}\n" +
            "axes: {alpha_beta: [1e-5, 1e-4], style_layers: [relu1_1, [relu1_1, relu2_1]], seed: [1, 2]}");
        // The identity as names: what the gateway reads, with its resolver turning names back into files.
        var text = SubmissionSpec.ToJson(spec, path => path).ToJsonString();
        var read = SweepSpecParser.Parse(text, "/");
        var before = SweepPlanner.Expand(spec, []);
        var after = SweepPlanner.Expand(read, []);
        Assert.Equal(before.Pages.Count, after.Pages.Count);
        Assert.Equal(before.Points.Select(p => (p.Page, p.Row, p.Column, p.Describe(), RenderSettingsJson.Serialize(p.Request.Settings), p.Request.Content, string.Join("|", p.Request.Styles))),
            after.Points.Select(p => (p.Page, p.Row, p.Column, p.Describe(), RenderSettingsJson.Serialize(p.Request.Settings), p.Request.Content, string.Join("|", p.Request.Styles))));
        Assert.Equal("round trip", read.Title);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
