using NeuralStyle.Engine.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Reads a sweep spec from YAML or JSON (JSON is read as YAML's flow style, so both share one
/// schema). Relative image and weights paths are taken relative to the spec file.
/// </summary>
public static class SweepSpecParser
{
    private static readonly string[] Keys = ["content", "style", "settings", "axes", "title"];

    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    public static SweepSpec ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(File.Exists(path) || Directory.Exists(path)
                ? $"cannot read sweep spec '{path}': {e.Message}"
                : $"sweep spec '{path}' does not exist");
        }
        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses spec text; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static SweepSpec Parse(string text, string baseDirectory)
    {
        var root = Load(text);
        foreach (var key in root.Children.Keys.Select(Name))
        {
            if (!Keys.Contains(key))
            {
                throw new SweepSpecException($"unknown key '{key}'. A sweep spec has: {string.Join(", ", Keys)}");
            }
        }
        var contents = Child(root, "content") is { } c ? Paths(c, "content", baseDirectory) : [];
        var styles = Child(root, "style") is { } s ? StyleEntries(s, baseDirectory) : [];
        var settings = Child(root, "settings") is { } st ? Settings(st, baseDirectory) : [];
        var axes = Child(root, "axes") is { } a ? Axes(a, baseDirectory) : [];
        var title = Child(root, "title") is YamlScalarNode t ? t.Value : null;
        return new SweepSpec(contents, styles, settings, axes, title);
    }

    private static YamlMappingNode Load(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode mapping
                ? mapping
                : throw new SweepSpecException("a sweep spec is one mapping (content, style, settings, axes)");
        }
        catch (YamlException e)
        {
            throw new SweepSpecException($"not valid YAML or JSON at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
    }

    private static List<KeyValuePair<string, SettingValue>> Settings(YamlNode node, string baseDirectory)
    {
        var mapping = node as YamlMappingNode ?? throw new SweepSpecException("'settings' must be a mapping of setting: value");
        return mapping.Children.Select(pair =>
        {
            var name = Name(pair.Key);
            Known(name, "settings");
            return KeyValuePair.Create(name, Resolve(name, Value(pair.Value, $"settings.{name}"), baseDirectory));
        }).ToList();
    }

    private static List<SweepAxis> Axes(YamlNode node, string baseDirectory)
    {
        var mapping = node as YamlMappingNode ?? throw new SweepSpecException("'axes' must be a mapping of setting: [values]");
        return mapping.Children.Select(pair =>
        {
            var name = Name(pair.Key);
            Known(name, "axes");
            if (pair.Value is not YamlSequenceNode values)
            {
                throw new SweepSpecException($"axes.{name} must be a list of values");
            }
            if (values.Children.Count == 0)
            {
                throw new SweepSpecException($"axes.{name} is empty; an axis needs at least one value");
            }
            return new SweepAxis(name, values.Children.Select(v => Resolve(name, Value(v, $"axes.{name}"), baseDirectory)).ToArray());
        }).ToList();
    }

    private static List<IReadOnlyList<string>> StyleEntries(YamlNode node, string baseDirectory) => node switch
    {
        YamlScalarNode scalar => [[Path.GetFullPath(scalar.Value ?? "", baseDirectory)]],
        // A nested list is one entry of several styles, blended with style_blend_weights.
        YamlSequenceNode sequence => sequence.Children.Select(entry => (IReadOnlyList<string>)Paths(entry, "style", baseDirectory)).ToList(),
        _ => throw new SweepSpecException("'style' must be a path, a list of paths, or lists of paths to blend"),
    };

    private static List<string> Paths(YamlNode node, string key, string baseDirectory)
    {
        var items = node switch
        {
            YamlScalarNode scalar => [scalar.Value ?? ""],
            YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) =>
                sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "").ToList(),
            _ => throw new SweepSpecException($"'{key}' must be a path or a list of paths"),
        };
        if (items.Count == 0 || items.Any(string.IsNullOrWhiteSpace))
        {
            throw new SweepSpecException($"'{key}' needs at least one non-empty path");
        }
        return items.Select(i => Path.GetFullPath(i, baseDirectory)).ToList();
    }

    private static SettingValue Value(YamlNode node, string where) => node switch
    {
        YamlScalarNode scalar => SettingValue.Of(scalar.Value ?? ""),
        YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) =>
            SettingValue.OfList(sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "")),
        _ => throw new SweepSpecException($"{where}: a value must be a scalar or a list of scalars"),
    };

    private static SettingValue Resolve(string name, SettingValue value, string baseDirectory) =>
        name is "weights" || (name == "init" && value.Items[0] is not ("content" or "noise" or "style"))
            ? SettingValue.Of(Path.GetFullPath(value.Items[0], baseDirectory))
            : value;

    private static void Known(string name, string where)
    {
        if (!SettingCatalog.Contains(name))
        {
            throw new SweepSpecException($"{where}: unknown setting '{name}'. Known settings: {string.Join(", ", SettingCatalog.All.Select(d => d.Name))}");
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string Name(YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new SweepSpecException("keys must be plain names");
}
