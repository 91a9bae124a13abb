using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// What a user asks to sweep: content images, style entries (each one image, or several blended),
/// fixed settings, and axes whose cartesian product gives the renders. The first axis gives a
/// grid's rows, the second its columns; further axes, and each content and style, give pages.
/// </summary>
public sealed record SweepSpec(
    IReadOnlyList<string> Contents,
    IReadOnlyList<IReadOnlyList<string>> Styles,
    IReadOnlyList<KeyValuePair<string, SettingValue>> Settings,
    IReadOnlyList<SweepAxis> Axes,
    string? Title = null)
{
    /// <summary>Renders the spec expands to.</summary>
    public long RenderCount => Contents.Count * (long)Styles.Count * Axes.Aggregate(1L, (n, a) => n * a.Values.Count);
}
