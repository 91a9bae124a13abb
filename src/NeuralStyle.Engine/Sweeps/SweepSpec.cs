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
    /// <summary>
    /// Renders the spec expands to, or <see cref="long.MaxValue"/> when that is as many or more: the
    /// product saturates instead of wrapping, so no spec can pass a bound by overflowing it.
    /// </summary>
    public long RenderCount => Axes.Select(a => (long)a.Values.Count)
        .Prepend(Styles.Count).Prepend(Contents.Count).Aggregate(1L, SaturatingProduct);

    private static long SaturatingProduct(long a, long b) =>
        a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;
}
