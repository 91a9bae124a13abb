using NeuralStyle.Engine;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Cli;

/// <summary>Combines a spec file (if any) with --content, --style, --preset and --axis flags.</summary>
internal static class SweepSpecBuilder
{
    public static SweepSpec Build(string? specPath, string[]? contents, string[]? styles, string? preset, string[]? axes)
    {
        var spec = specPath is null
            ? new SweepSpec([], [], [], [])
            : SweepSpecParser.ParseFile(specPath);
        if (contents is { Length: > 0 })
        {
            spec = spec with { Contents = contents.Select(Path.GetFullPath).ToArray() };
        }
        if (styles is { Length: > 0 })
        {
            spec = spec with { Styles = styles.Select(s => (IReadOnlyList<string>)[Path.GetFullPath(s)]).ToArray() };
        }
        var presetAxes = preset is null ? [] : SweepPresets.Get(preset);
        var flagAxes = (axes ?? []).Select(ParseAxis);
        return spec with { Axes = presetAxes.Concat(spec.Axes).Concat(flagAxes).ToArray() };
    }

    /// <summary>NAME=V1;V2;V3, where a value with commas is a list (style_layers=relu1_1;relu1_1,relu2_1).</summary>
    public static SweepAxis ParseAxis(string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0)
        {
            throw new SweepSpecException($"--axis '{text}' is not NAME=V1;V2;...");
        }
        var name = text[..equals].Trim().Replace('-', '_');
        SettingCatalog.Find(name);
        var values = text[(equals + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0)
        {
            throw new SweepSpecException($"--axis {name} has no values");
        }
        return new SweepAxis(name, values.Select(v => SettingValue.Of(SweepSpecLimits.CheckValue(v, $"--axis {name}"))).ToArray());
    }
}
