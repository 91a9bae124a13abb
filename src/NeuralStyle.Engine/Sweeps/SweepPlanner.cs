using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Expands a spec into renders: contents x style entries x page axes give pages; the first axis
/// gives rows and the second columns (a single axis is laid out as one row). Settings apply in
/// order: defaults, the spec's settings, command-line overrides, then the point's axis values
/// (alpha given as content_weight or alpha_beta by a later source replaces an earlier one).
/// Every point is validated here, so a bad value fails before anything renders.
/// </summary>
public static class SweepPlanner
{
    /// <summary>Default most renders a sweep may expand to.</summary>
    public const int DefaultMaxRenders = 1000;

    /// <summary>
    /// Expands <paramref name="spec"/>; throws <see cref="SweepSpecException"/> on any problem. The
    /// render count is checked against <paramref name="maxRenders"/> (1 to
    /// <see cref="SweepSpecLimits.MaxRendersCeiling"/>) before anything is expanded.
    /// </summary>
    public static SweepPlan Expand(SweepSpec spec, IEnumerable<KeyValuePair<string, SettingValue>> overrides,
        int maxRenders = DefaultMaxRenders)
    {
        if (maxRenders is < 1 or > SweepSpecLimits.MaxRendersCeiling)
        {
            throw new SweepSpecException(
                $"--max-renders must be 1 to {SweepSpecLimits.MaxRendersCeiling} (every render of a sweep is planned in memory), got {maxRenders}");
        }
        if (spec.Contents.Count == 0)
        {
            throw new SweepSpecException("needs 'content': one content image or a list");
        }
        if (spec.Styles.Count == 0)
        {
            throw new SweepSpecException("needs 'style': one style image or a list");
        }
        // Before the count: with distinct names there are at most as many axes as settings.
        var names = new HashSet<string>();
        foreach (var axis in spec.Axes)
        {
            if (!names.Add(axis.Name))
            {
                throw new SweepSpecException($"axis '{axis.Name}' appears twice");
            }
            if (axis.Values.Count == 0)
            {
                throw new SweepSpecException($"axis '{axis.Name}' is empty; an axis needs at least one value");
            }
        }
        var count = spec.RenderCount;
        if (count > maxRenders)
        {
            var described = count == long.MaxValue ? "more than 2^63 (9.2e18)" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new SweepSpecException(
                $"expands to {described} renders, over the limit of {maxRenders}; shrink an axis or raise --max-renders");
        }
        var rows = spec.Axes.Count >= 2 ? spec.Axes[0] : null;
        var columns = spec.Axes.Count >= 2 ? spec.Axes[1] : spec.Axes.Count == 1 ? spec.Axes[0] : null;
        foreach (var line in new[] { rows, columns }.OfType<SweepAxis>())
        {
            if (line.Values.Count > Grids.GridPageBounds.MaxRowsOrColumns)
            {
                throw new SweepSpecException(
                    $"axis '{line.Name}' has {line.Values.Count} values, more than the {Grids.GridPageBounds.MaxRowsOrColumns} rows or columns a grid page holds; move it after the first two axes (one page per value)");
            }
        }
        var pageAxes = spec.Axes.Skip(2).ToArray();
        // Spec settings and overrides are the same for every point: applied once (validated per point).
        var shared = Shared(spec.Settings, overrides.ToArray());

        var pages = new List<GridPage>();
        var points = new List<SweepPoint>((int)count);
        foreach (var content in spec.Contents)
        {
            foreach (var style in spec.Styles)
            {
                foreach (var pageValues in Cartesian(pageAxes))
                {
                    var page = new GridPage(pages.Count, content, style, pageValues, rows, columns);
                    pages.Add(page);
                    for (var row = 0; row < page.RowCount; row++)
                    {
                        for (var column = 0; column < page.ColumnCount; column++)
                        {
                            var coordinates = Coordinate(rows, row).Concat(Coordinate(columns, column)).Concat(pageValues).ToArray();
                            var settings = Settle(shared, coordinates);
                            points.Add(new SweepPoint(points.Count, page.Index, row, column,
                                new RenderRequest(content, style, settings), coordinates));
                        }
                    }
                }
            }
        }
        return new SweepPlan(spec, pages, points);
    }

    private static RenderSettings Shared(IReadOnlyList<KeyValuePair<string, SettingValue>> specSettings,
        IReadOnlyList<KeyValuePair<string, SettingValue>> overrides)
    {
        try
        {
            // Each source applies on top of the one before, so a later one may replace alpha either way.
            var settings = SettingCatalog.Apply(new RenderSettings(), specSettings, validate: false);
            return SettingCatalog.Apply(settings, overrides, validate: false);
        }
        catch (InvalidSettingException e)
        {
            throw new SweepSpecException(e.Message);
        }
    }

    private static RenderSettings Settle(RenderSettings shared, IReadOnlyList<KeyValuePair<string, SettingValue>> coordinates)
    {
        try
        {
            return SettingCatalog.Apply(shared, coordinates);
        }
        catch (InvalidSettingException e)
        {
            var where = coordinates.Count == 0 ? "" : $" at {string.Join(", ", coordinates.Select(c => $"{c.Key}={c.Value}"))}";
            throw new SweepSpecException($"{e.Message}{where}");
        }
    }

    private static IEnumerable<KeyValuePair<string, SettingValue>> Coordinate(SweepAxis? axis, int index) =>
        axis is null ? [] : [KeyValuePair.Create(axis.Name, axis.Values[index])];

    private static IEnumerable<KeyValuePair<string, SettingValue>[]> Cartesian(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<KeyValuePair<string, SettingValue>[]> result = [[]];
        foreach (var axis in axes)
        {
            result = result.SelectMany(prefix => axis.Values.Select(v => prefix.Append(KeyValuePair.Create(axis.Name, v)).ToArray())).ToArray();
        }
        return result;
    }
}
