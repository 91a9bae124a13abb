using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Reads a sweep spec from YAML or JSON (JSON is read as YAML's flow style, so both share one
/// schema), within <see cref="SweepSpecLimits"/>. Relative image and weights paths are taken
/// relative to the spec file, or every input name is handed to a resolver (the farm's gateway
/// turns <c>sha256:</c> names into files of its blob store and refuses paths).
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
    public static SweepSpec Parse(string text, string baseDirectory) =>
        ParseResolvingInputs(text, (name, where) => FullPath(name, baseDirectory, where));

    /// <summary>
    /// Parses spec text, turning every input name (content and style images, <c>weights</c>, an
    /// <c>init</c> image, in settings and axes alike) into a local path with
    /// <paramref name="resolveInput"/>, given the name as written (within
    /// <see cref="SweepSpecLimits.MaxValueChars"/>) and the key it appears under; it throws to
    /// refuse a name (a <see cref="SweepSpecException"/> for a name the caller does not accept).
    /// </summary>
    public static SweepSpec ParseResolvingInputs(string text, Func<string, string, string> resolveInput)
    {
        ArgumentNullException.ThrowIfNull(resolveInput);
        string Checked(string name, string where) => resolveInput(SweepSpecLimits.CheckValue(name, where), where);
        var root = SpecYamlReader.Read(text);
        foreach (var (key, _) in root.Entries)
        {
            if (!Keys.Contains(key))
            {
                throw new SweepSpecException($"unknown key '{key}'. A sweep spec has: {string.Join(", ", Keys)}");
            }
        }
        var contents = root.Child("content") is { } c ? Paths(c, "content", Checked) : [];
        var styles = root.Child("style") is { } s ? StyleEntries(s, Checked) : [];
        var settings = root.Child("settings") is { } st ? Settings(st, Checked) : [];
        var axes = root.Child("axes") is { } a ? Axes(a, Checked) : [];
        var title = root.Child("title") is { } t ? Title(t) : null;
        return new SweepSpec(contents, styles, settings, axes, title);
    }

    private static string Title(SpecNode node) => node.Kind == SpecNode.Shape.Scalar
        ? node.Text
        : throw new SweepSpecException($"'title' must be text ({node.Where})");

    private static List<KeyValuePair<string, SettingValue>> Settings(SpecNode node, Func<string, string, string> resolveInput)
    {
        var mapping = node.Kind == SpecNode.Shape.Mapping ? node : throw new SweepSpecException("'settings' must be a mapping of setting: value");
        return mapping.Entries.Select(pair =>
        {
            Known(pair.Key, "settings");
            return KeyValuePair.Create(pair.Key, Resolve(pair.Key, Value(pair.Value, $"settings.{pair.Key}"), resolveInput));
        }).ToList();
    }

    private static List<SweepAxis> Axes(SpecNode node, Func<string, string, string> resolveInput)
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
            return new SweepAxis(name, pair.Value.Items.Select(v => Resolve(name, Value(v, $"axes.{name}"), resolveInput)).ToArray());
        }).ToList();
    }

    private static List<IReadOnlyList<string>> StyleEntries(SpecNode node, Func<string, string, string> resolveInput) => node.Kind switch
    {
        SpecNode.Shape.Scalar => [Paths(node, "style", resolveInput)],
        // A nested list is one entry of several styles, blended with style_blend_weights.
        SpecNode.Shape.Sequence =>
            node.Items.Select(entry => (IReadOnlyList<string>)Paths(entry, "style", resolveInput)).ToList(),
        _ => throw new SweepSpecException("'style' must be a path, a list of paths, or lists of paths to blend"),
    };

    private static List<string> Paths(SpecNode node, string key, Func<string, string, string> resolveInput)
    {
        var items = Texts(node) ?? throw new SweepSpecException($"'{key}' must be a path or a list of paths ({node.Where})");
        if (items.Count == 0 || items.Any(string.IsNullOrWhiteSpace))
        {
            throw new SweepSpecException($"'{key}' needs at least one non-empty path ({node.Where})");
        }
        return items.Select(i => resolveInput(i, key)).ToList();
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

    private static SettingValue Resolve(string name, SettingValue value, Func<string, string, string> resolveInput) =>
        !value.IsList && (name is "weights" || (name == "init" && value.Items[0] is not ("content" or "noise" or "style")))
            ? SettingValue.Of(resolveInput(value.Items[0], name))
            : value;

    private static string FullPath(string path, string baseDirectory, string where)
    {
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
