using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// One comparison grid: a content image and style entry, the values of the axes beyond the first
/// two, and the row and column axes (either may be absent when the sweep has fewer axes).
/// </summary>
public sealed record GridPage(
    int Index,
    string Content,
    IReadOnlyList<string> Style,
    IReadOnlyList<KeyValuePair<string, SettingValue>> Fixed,
    SweepAxis? Rows,
    SweepAxis? Columns)
{
    /// <summary>Rows in the grid (1 when there is no row axis).</summary>
    public int RowCount => Rows?.Values.Count ?? 1;

    /// <summary>Columns in the grid (1 when there is no column axis).</summary>
    public int ColumnCount => Columns?.Values.Count ?? 1;
}
