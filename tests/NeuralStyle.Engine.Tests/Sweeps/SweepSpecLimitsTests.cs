using System.Text;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

/// <summary>Hostile specs: each is refused quickly, within a small allocation, naming the limit it broke.</summary>
public sealed class SweepSpecLimitsTests : IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);
    private const long SmallAllocation = 64L << 20;
    private const string Head = "content: c.jpg\nstyle: s.jpg\n";
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Nested_aliases_used_as_a_mapping_key_are_refused_at_once()
    {
        // Nine aliases per level, nine levels, the last used as a key: YamlDotNet's tree hashes
        // that key through 9^9 nodes (about 40 s of CPU); the spec is a few hundred bytes.
        var spec = new StringBuilder("a0: &a0 [x]\n");
        for (var level = 1; level <= 9; level++)
        {
            spec.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }
        spec.Append("axes: {? *a9 : [1]}\n");

        var error = Refused(spec.ToString());

        Assert.Contains("expands to more than 100000 nodes", error.Message);
    }

    [Fact]
    public void An_alias_as_a_mapping_key_is_refused()
    {
        var error = Refused(Head + "settings:\n  size: &k seed\n  *k : 3\n");
        Assert.Contains("mapping keys must be plain names, not aliases", error.Message);
    }

    [Fact]
    public void A_list_or_mapping_as_a_key_is_refused()
    {
        var error = Refused(Head + "settings: {? [size, seed] : 3}\n");
        Assert.Contains("mapping keys must be plain names, not lists or mappings", error.Message);
    }

    [Fact]
    public void A_billion_laughs_of_values_is_refused_by_its_expanded_size()
    {
        var spec = new StringBuilder(Head + "settings:\n  style_layers: &l0 [relu1_1, relu1_1, relu1_1, relu1_1, relu1_1, relu1_1, relu1_1, relu1_1]\naxes:\n");
        var names = new[] { "style_weight", "tv_weight", "seed", "size", "iterations", "content_weight", "learning_rate" };
        for (var level = 1; level < names.Length; level++)
        {
            spec.Append($"  {names[level]}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 8))}]\n");
        }

        var error = Refused(spec.ToString());

        Assert.Contains("100000 nodes", error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var error = Refused(Head + "settings: {size: " + new string('[', 100) + "1" + new string(']', 100) + "}\n");
        Assert.Contains($"nested deeper than {SweepSpecLimits.MaxDepth} levels", error.Message);
    }

    [Fact]
    public void Aliases_that_nest_deeper_than_the_limit_are_refused()
    {
        var spec = new StringBuilder(Head + "a0: &a0 [1]\n");
        for (var level = 1; level <= 20; level++)
        {
            spec.Append($"a{level}: &a{level} [*a{level - 1}]\n");
        }
        var error = Refused(spec.ToString());
        Assert.Contains("nested deeper than", error.Message);
    }

    [Fact]
    public void More_aliases_than_the_limit_are_refused()
    {
        var aliases = string.Join(", ", Enumerable.Repeat("*v", SweepSpecLimits.MaxAliases + 1));
        var error = Refused(Head + $"settings: {{seed: &v 1}}\naxes: {{seed: [{aliases}]}}\n");
        Assert.Contains($"more than {SweepSpecLimits.MaxAliases} aliases", error.Message);
    }

    [Fact]
    public void A_key_given_twice_is_refused()
    {
        var error = Refused(Head + "settings: {size: 32, size: 64}\n");
        Assert.Contains("key 'size' appears twice", error.Message);
    }

    [Fact]
    public void A_value_longer_than_the_limit_is_refused_and_named()
    {
        var error = Refused(Head + $"settings: {{init: {new string('p', SweepSpecLimits.MaxValueChars + 1)}}}\n");
        Assert.Contains($"over the limit of {SweepSpecLimits.MaxValueChars}", error.Message);
        Assert.Contains("init", error.Message);
    }

    [Fact]
    public void Spec_text_over_the_size_limit_is_refused()
    {
        var error = Refused(Head + "# " + new string('x', SweepSpecLimits.MaxSpecBytes) + "\n");
        Assert.Contains($"over the limit of {SweepSpecLimits.MaxSpecBytes} bytes", error.Message);
    }

    [Fact]
    public void A_spec_file_over_the_size_limit_is_an_input_file_error()
    {
        var path = _directory.File("big.yaml");
        File.WriteAllText(path, Head + "# " + new string('x', SweepSpecLimits.MaxSpecBytes) + "\n");
        var error = BoundedRun.Throws<InputFileException>(() => SweepSpecParser.ParseFile(path), Quickly, SmallAllocation, "reading an oversized spec");
        Assert.Contains("over the limit of 1 MiB", error.Message);
    }

    [Fact]
    public void A_fifo_as_the_spec_file_is_refused_without_blocking()
    {
        var path = _directory.File("fifo.yaml");
        HostileFiles.Fifo(path);
        var error = BoundedRun.Throws<InputFileException>(() => SweepSpecParser.ParseFile(path), Quickly, SmallAllocation, "reading a FIFO as a spec");
        Assert.Contains("not a regular file", error.Message);
    }

    [Fact]
    public void Anchors_and_aliases_within_the_limits_still_work()
    {
        var spec = SweepSpecParser.Parse(Head + "settings: {style_layers: &layers [relu1_1, relu2_1]}\naxes: {style_layer_weights: [[1, 1]], style_layers: [*layers, [relu3_1]]}\n", "/d");
        Assert.Equal(["relu1_1", "relu2_1"], spec.Axes[1].Values[0].Items);
    }

    public void Dispose() => _directory.Dispose();

    private static SweepSpecException Refused(string text) =>
        BoundedRun.Throws<SweepSpecException>(() => SweepSpecParser.Parse(text, "/d"), Quickly, SmallAllocation, "parsing a hostile spec");
}
