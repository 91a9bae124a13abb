using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>Named axis sets (<c>--preset</c>).</summary>
public static class SweepPresets
{
    /// <summary>Preset names and what they sweep.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SweepAxis>> All { get; } = new Dictionary<string, IReadOnlyList<SweepAxis>>
    {
        // Gatys et al. 2016, Figure 3: rows add style layers up to relu5_1, columns raise alpha/beta.
        ["gatys-fig3"] =
        [
            new SweepAxis("style_layers", new[] { 1, 2, 3, 4, 5 }
                .Select(n => SettingValue.OfList(RenderSettings.DefaultStyleLayers.Take(n))).ToArray()),
            new SweepAxis("alpha_beta", new[] { "1e-5", "1e-4", "1e-3", "1e-2" }.Select(SettingValue.Of).ToArray()),
        ],
    };

    /// <summary>The axes of <paramref name="name"/>; unknown names list the known ones.</summary>
    public static IReadOnlyList<SweepAxis> Get(string name) =>
        All.TryGetValue(name, out var axes)
            ? axes
            : throw new SweepSpecException($"unknown preset '{name}'. Presets: {string.Join(", ", All.Keys)}");
}
