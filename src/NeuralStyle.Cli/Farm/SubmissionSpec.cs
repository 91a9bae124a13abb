using System.Text.Json.Nodes;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// Turns the spec <c>nsf sweep</c> would run (a file plus command-line flags, paths on this machine)
/// into the spec the gateway takes: one JSON object whose settings already hold the command-line
/// overrides, and whose every input (content, styles, an init image, weights) is named
/// <c>sha256:</c> and its hash instead of a path.
/// </summary>
internal static class SubmissionSpec
{
    /// <summary>The prefix naming an input by hash in a submitted spec.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>
    /// The spec with <paramref name="overrides"/> folded into its settings so that it plans alone as
    /// the spec plus the overrides would: an override replaces the spec's value of that setting, and
    /// of the setting that sets the same thing (content_weight and alpha_beta both set alpha; size
    /// and scales both set the result's size). Paths in overrides become absolute, as the spec's are.
    /// </summary>
    public static SweepSpec Merge(SweepSpec spec, IEnumerable<KeyValuePair<string, SettingValue>> overrides)
    {
        var given = overrides.Select(o => KeyValuePair.Create(o.Key, Absolute(o.Key, o.Value))).ToArray();
        var replaced = given.SelectMany(o => Partners(o.Key)).ToHashSet(StringComparer.Ordinal);
        return spec with { Settings = [.. spec.Settings.Where(s => !replaced.Contains(s.Key)), .. given] };
    }

    /// <summary>
    /// The spec naming <paramref name="defaultWeights"/> when it names no weights (in its settings or
    /// an axis) and that file exists: the weights the same sweep would use under <c>nsf sweep</c>.
    /// When it does not exist the spec stays silent and the gateway's default weights apply.
    /// </summary>
    public static SweepSpec WithDefaultWeights(SweepSpec spec, string defaultWeights) =>
        spec.Settings.Any(s => s.Key == "weights") || spec.Axes.Any(a => a.Name == "weights") || !File.Exists(defaultWeights)
            ? spec
            : spec with { Settings = [.. spec.Settings, KeyValuePair.Create("weights", SettingValue.Of(Path.GetFullPath(defaultWeights)))] };

    /// <summary>Every distinct local file the spec reads, in the order it names them.</summary>
    public static IReadOnlyList<SubmissionInput> Inputs(SweepSpec spec)
    {
        var inputs = spec.Contents.Select(c => new SubmissionInput(c, BlobKind.Image, "content image"))
            .Concat(spec.Styles.SelectMany(entry => entry).Select(s => new SubmissionInput(s, BlobKind.Image, "style image")))
            .Concat(spec.Settings.Concat(spec.Axes.SelectMany(a => a.Values.Select(v => KeyValuePair.Create(a.Name, v))))
                .Where(s => IsPath(s.Key, s.Value))
                .Select(s => s.Key == "weights"
                    ? new SubmissionInput(s.Value.Items[0], BlobKind.Weights, "weights file")
                    : new SubmissionInput(s.Value.Items[0], BlobKind.Image, "init image")));
        return inputs.DistinctBy(i => i.Path, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The spec as the gateway's JSON, each input path replaced by <paramref name="nameOf"/>'s answer (<c>sha256:…</c>).</summary>
    public static JsonObject ToJson(SweepSpec spec, Func<string, string> nameOf)
    {
        var json = new JsonObject();
        if (spec.Title is not null)
        {
            json["title"] = spec.Title;
        }
        json["content"] = new JsonArray([.. spec.Contents.Select(c => (JsonNode)nameOf(c))]);
        json["style"] = new JsonArray([.. spec.Styles.Select(entry => entry.Count == 1
            ? (JsonNode)nameOf(entry[0])
            : new JsonArray([.. entry.Select(s => (JsonNode)nameOf(s))]))]);
        var settings = new JsonObject();
        foreach (var (name, value) in spec.Settings)
        {
            settings[name] = Value(name, value, nameOf);
        }
        json["settings"] = settings;
        var axes = new JsonObject();
        foreach (var axis in spec.Axes)
        {
            axes[axis.Name] = new JsonArray([.. axis.Values.Select(v => Value(axis.Name, v, nameOf))]);
        }
        json["axes"] = axes;
        return json;
    }

    /// <summary>A setting's value as JSON: text stays text (numbers too, so 1e-5 is not respelt), a list stays a list.</summary>
    private static JsonNode Value(string name, SettingValue value, Func<string, string> nameOf) =>
        IsPath(name, value)
            ? nameOf(value.Items[0])
            : value.IsList ? new JsonArray([.. value.Items.Select(i => (JsonNode)i)]) : value.Items[0];

    /// <summary>True for a value naming a file: weights, or init when it is not content, noise or style.</summary>
    private static bool IsPath(string name, SettingValue value) =>
        !value.IsList && (name == "weights" || (name == "init" && value.Items[0] is not ("content" or "noise" or "style")));

    private static SettingValue Absolute(string name, SettingValue value) =>
        IsPath(name, value) ? SettingValue.Of(Path.GetFullPath(value.Items[0])) : value;

    private static IEnumerable<string> Partners(string name) => name switch
    {
        "content_weight" or "alpha_beta" => ["content_weight", "alpha_beta"],
        "size" or "scales" => ["size", "scales"],
        _ => [name],
    };
}
