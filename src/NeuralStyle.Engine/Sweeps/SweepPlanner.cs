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

    /// <summary>Expands <paramref name="spec"/>; throws <see cref="SweepSpecException"/> on any problem.</summary>
    public static SweepPlan Expand(SweepSpec spec, IEnumerable<KeyValuePair<string, SettingValue>> overrides,
        int maxRenders = DefaultMaxRenders)
    {
        if (spec.Contents.Count == 0)
        {
            throw new SweepSpecException("needs 'content': one content image or a list");
        }
        if (spec.Styles.Count == 0)
        {
            throw new SweepSpecException("needs 'style': one style image or a list");
        }
        if (spec.RenderCount > maxRenders)
        {
            throw new SweepSpecException(
                $"expands to {spec.RenderCount} renders, over the limit of {maxRenders}; shrink an axis or raise --max-renders");
        }
        var duplicate = spec.Axes.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SweepSpecException($"axis '{duplicate.Key}' appears twice");
        }
        var overriding = overrides.ToArray();
        var rows = spec.Axes.Count >= 2 ? spec.Axes[0] : null;
        var columns = spec.Axes.Count >= 2 ? spec.Axes[1] : spec.Axes.Count == 1 ? spec.Axes[0] : null;
        var pageAxes = spec.Axes.Skip(2).ToArray();

        var pages = new List<GridPage>();
        var points = new List<SweepPoint>();
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
                            var settings = Settle(spec.Settings, overriding, coordinates);
                            points.Add(new SweepPoint(points.Count, page.Index, row, column,
                                new RenderRequest(content, style, settings), coordinates));
                        }
                    }
                }
            }
        }
        return new SweepPlan(spec, pages, points);
    }

    private static RenderSettings Settle(IReadOnlyList<KeyValuePair<string, SettingValue>> specSettings,
        IReadOnlyList<KeyValuePair<string, SettingValue>> overrides, IReadOnlyList<KeyValuePair<string, SettingValue>> coordinates)
    {
        try
        {
            // Each source applies on top of the one before, so a later one may replace alpha either way.
            var settings = SettingCatalog.Apply(new RenderSettings(), specSettings, validate: false);
            settings = SettingCatalog.Apply(settings, overrides, validate: false);
            return SettingCatalog.Apply(settings, coordinates);
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
