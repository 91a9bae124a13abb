using System.Text.Json;
using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// How a sweep's grid pages look: their file names, titles (the sweep's title, the page's inputs
/// and axes), footers (the settings every cell of a page shares) and cells (a tile only for a
/// succeeded render). One layout for <c>nsf sweep</c> and the farm's grid composer, drawn by
/// <see cref="ComparisonGrid"/>, which needs the image library alone and never the renderer.
/// Inputs are shown under the names <c>nameOf</c> gives their paths: <c>nsf sweep</c> shows file
/// names and records paths; the farm, whose inputs are blobs, shows and records the user's names.
/// </summary>
public sealed class SweepGridLayout
{
    private readonly string? _title;
    private readonly Func<string, string> _nameOf;

    /// <summary>
    /// A layout for the sweep titled <paramref name="title"/>; <paramref name="nameOf"/> gives the
    /// name an input path (a page's content or style) is shown and recorded under (by default the path itself).
    /// </summary>
    public SweepGridLayout(string? title, Func<string, string>? nameOf = null)
    {
        _title = title;
        _nameOf = nameOf ?? (path => path);
    }

    /// <summary>What a cell shows: the render's image when it succeeded, otherwise its status (and error).</summary>
    public static GridCell Cell(int row, int column, string key, RenderStatus status, string? imagePath, string? error) =>
        new(row, column, key, status, status == RenderStatus.Succeeded ? imagePath : null, error);

    /// <summary>The page's file name inside the sweep directory (<see cref="SweepFiles.Grid"/> of the inputs' names).</summary>
    public string FileOf(GridPage page) =>
        SweepFiles.Grid(page with { Content = _nameOf(page.Content), Style = page.Style.Select(_nameOf).ToArray() });

    /// <summary>
    /// Draws <paramref name="page"/> into <paramref name="directory"/> under <see cref="FileOf"/>;
    /// <paramref name="settings"/> and <paramref name="weightsSha256"/> are those of any cell of the
    /// page (the footer shows what they all share).
    /// </summary>
    public SweepGridRecord Write(string directory, GridPage page, IReadOnlyList<GridCell> cells, RenderSettings settings, string weightsSha256)
    {
        var file = FileOf(page);
        return ComparisonGrid.Write(Path.Combine(directory, file), file, page, cells, Title(page), Footer(page, settings, weightsSha256), _nameOf);
    }

    /// <summary>The sweep's title (when it has one) over the page's inputs and axes.</summary>
    public string Title(GridPage page)
    {
        var names = $"{ShownName(page.Content)} × {string.Join(" + ", page.Style.Select(ShownName))}";
        var axes = string.Join("; ", new[] { page.Rows is null ? null : $"rows: {page.Rows.Name}", page.Columns is null ? null : $"columns: {page.Columns.Name}" }.OfType<string>());
        return _title is { } title ? $"{title}\n{names}   {axes}" : $"{names}   {axes}";
    }

    /// <summary>The settings every cell of the page shares (axis settings left out), so the grid says how it was made.</summary>
    public static string Footer(GridPage page, RenderSettings settings, string weightsSha256)
    {
        var swept = new[] { page.Rows?.Name, page.Columns?.Name }.OfType<string>().ToHashSet();
        // Settings derived from a swept one vary with it too.
        if (swept.Contains("alpha_beta") || swept.Contains("style_weight"))
        {
            swept.Add("content_weight");
        }
        if (swept.Contains("style_layers"))
        {
            swept.Add("style_layer_weights");
        }
        if (swept.Contains("scales"))
        {
            swept.Add("size");
        }
        var shared = RenderSettingsJson.ToElement(settings).EnumerateObject()
            .Where(p => !swept.Contains(p.Name) && p.Name is not ("weights" or "device" or "save_every"))
            .Select(p => $"{p.Name}={Compact(p.Value)}");
        return $"{string.Join(", ", shared)}; weights sha256 {weightsSha256[..Math.Min(12, weightsSha256.Length)]}…; torchvision VGG-19 input convention; NeuralStyle Farm";
    }

    private string ShownName(string path) => Path.GetFileName(_nameOf(path));

    private static string Compact(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Compact)),
        JsonValueKind.String => Path.GetFileName(value.GetString()!) is { Length: > 0 } name ? name : value.GetString()!,
        _ => value.GetRawText(),
    };
}
