using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Reads a sweep spec from YAML or JSON (JSON is read as YAML's flow style, so both share one
/// schema), within <see cref="SweepSpecLimits"/>. Relative image and weights paths are taken
/// relative to the spec file.
/// </summary>
public static class SweepSpecParser
{

    private static readonly string[] Keys = ["content", "style", "settings", "axes", "title"];

    /// <summary>Parses the file at <paramref name="path"/>; a missing, unreadable, non-regular or oversized file is an <see cref="InputFileException"/>.</summary>
    public static SweepSpec ParseFile(string path)
    {
        var text = InputFiles.ReadAllText(path, SweepSpecLimits.MaxSpecBytes, m => new InputFileException($"sweep spec {m}"));
        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses spec text; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static SweepSpec Parse(string text, string baseDirectory)
    {
        var root = SpecYamlReader.Read(text);
        foreach (var (key, _) in root.Entries)
        {
            if (!Keys.Contains(key))
            {
                throw new SweepSpecException($"unknown key '{key}'. A sweep spec has: {string.Join(", ", Keys)}");
            }
        }
        var contents = root.Child("content") is { } c ? Paths(c, "content", baseDirectory) : [];
        var styles = root.Child("style") is { } s ? StyleEntries(s, baseDirectory) : [];
        var settings = root.Child("settings") is { } st ? Settings(st, baseDirectory) : [];
        var axes = root.Child("axes") is { } a ? Axes(a, baseDirectory) : [];
        var title = root.Child("title") is { } t ? Title(t) : null;
        return new SweepSpec(contents, styles, settings, axes, title);
    }

    private static string Title(SpecNode node) => node.Kind == SpecNode.Shape.Scalar
        ? node.Text
        : throw new SweepSpecException($"'title' must be text ({node.Where})");

    private static List<KeyValuePair<string, SettingValue>> Settings(SpecNode node, string baseDirectory)
    {
        var mapping = node.Kind == SpecNode.Shape.Mapping ? node : throw new SweepSpecException("'settings' must be a mapping of setting: value");
        return mapping.Entries.Select(pair =>
        {
            Known(pair.Key, "settings");
            return KeyValuePair.Create(pair.Key, Resolve(pair.Key, Value(pair.Value, $"settings.{pair.Key}"), baseDirectory));
        }).ToList();
    }

    private static List<SweepAxis> Axes(SpecNode node, string baseDirectory)
    {
        var mapping = node.Kind == SpecNode.Shape.Mapping ? node : throw new SweepSpecException("'axes' must be a mapping of setting: [values]");
        return mapping.Entries.Select(pair =>
        {
            var name = pair.Key;
            Known(name, "axes");
            if (pair.Value.Kind != SpecNode.Shape.Sequence)
            {
                throw new SweepSpecException($"axes.{name} must be a list of values");
            }
            if (pair.Value.Items.Count == 0)
            {
                throw new SweepSpecException($"axes.{name} is empty; an axis needs at least one value");
            }
            return new SweepAxis(name, pair.Value.Items.Select(v => Resolve(name, Value(v, $"axes.{name}"), baseDirectory)).ToArray());
        }).ToList();
    }

    private static List<IReadOnlyList<string>> StyleEntries(SpecNode node, string baseDirectory) => node.Kind switch
    {
        SpecNode.Shape.Scalar => [Paths(node, "style", baseDirectory)],
        // A nested list is one entry of several styles, blended with style_blend_weights.
        SpecNode.Shape.Sequence =>
            node.Items.Select(entry => (IReadOnlyList<string>)Paths(entry, "style", baseDirectory)).ToList(),
        _ => throw new SweepSpecException("'style' must be a path, a list of paths, or lists of paths to blend"),
    };

    private static List<string> Paths(SpecNode node, string key, string baseDirectory)
    {
        var items = Texts(node) ?? throw new SweepSpecException($"'{key}' must be a path or a list of paths ({node.Where})");
        if (items.Count == 0 || items.Any(string.IsNullOrWhiteSpace))
        {
            throw new SweepSpecException($"'{key}' needs at least one non-empty path ({node.Where})");
        }
        return items.Select(i => FullPath(i, baseDirectory, key)).ToList();
    }

    private static SettingValue Value(SpecNode node, string where) => Texts(node) switch
    {
        { } items when node.Kind == SpecNode.Shape.Scalar => SettingValue.Of(SweepSpecLimits.CheckValue(items[0], where)),
        { } items => SettingValue.OfList(items.Select(i => SweepSpecLimits.CheckValue(i, where))),
        null => throw new SweepSpecException($"{where}: a value must be a scalar or a list of scalars ({node.Where})"),
    };

    /// <summary>A scalar's text, or a list of scalars' texts; null for anything else.</summary>
    private static List<string>? Texts(SpecNode node) => node.Kind switch
    {
        SpecNode.Shape.Scalar => [node.Text],
        SpecNode.Shape.Sequence when node.Items.All(c => c.Kind == SpecNode.Shape.Scalar) => node.Items.Select(c => c.Text).ToList(),
        _ => null,
    };

    private static SettingValue Resolve(string name, SettingValue value, string baseDirectory) =>
        !value.IsList && (name is "weights" || (name == "init" && value.Items[0] is not ("content" or "noise" or "style")))
            ? SettingValue.Of(FullPath(value.Items[0], baseDirectory, name))
            : value;

    private static string FullPath(string path, string baseDirectory, string where)
    {
        SweepSpecLimits.CheckValue(path, where);
        try
        {
            return Path.GetFullPath(path, baseDirectory);
        }
        catch (ArgumentException e)
        {
            // A NUL in a path, for one.
            throw new SweepSpecException($"{where}: '{path}' is not a usable path: {e.Message}");
        }
    }

    private static void Known(string name, string where)
    {
        if (!SettingCatalog.Contains(name))
        {
            throw new SweepSpecException($"{where}: unknown setting '{name}'. Known settings: {string.Join(", ", SettingCatalog.All.Select(d => d.Name))}");
        }
    }
}
