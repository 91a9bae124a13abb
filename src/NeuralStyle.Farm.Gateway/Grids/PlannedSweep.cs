using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Export;

namespace NeuralStyle.Farm.Gateway.Grids;

/// <summary>
/// A sweep's spec planned again on the gateway, as <c>nsf sweep</c> plans it: the same pages and
/// axes, every point's settings, and the grid layout, with inputs at their blobs' local files and
/// shown under the user's names (<see cref="SweepDocument.InputNames"/>, by SHA-256).
/// </summary>
internal sealed class PlannedSweep
{
    /// <summary>A name longer than this is cut: it is the user's text, shown in titles and sweep.json.</summary>
    private const int MaxNameChars = 255;

    private readonly SweepDocument _sweep;
    private readonly IReadOnlyDictionary<string, string> _sha256OfPath;

    private PlannedSweep(SweepDocument sweep, SweepPlan plan, IReadOnlyDictionary<string, string> sha256OfPath)
    {
        _sweep = sweep;
        Plan = plan;
        _sha256OfPath = sha256OfPath;
        Layout = new SweepGridLayout(sweep.Title, NameOfPath);
    }

    public SweepPlan Plan { get; }

    /// <summary>Titles, footers and file names as <c>nsf sweep</c> makes them, with the user's names for inputs.</summary>
    public SweepGridLayout Layout { get; }

    /// <summary>
    /// Plans <paramref name="sweep"/>'s spec. Its cells must be the plan's points, one each in the
    /// same place; anything else is an <see cref="InvalidOperationException"/> (the store and the spec disagree).
    /// </summary>
    public static async Task<PlannedSweep> PlanAsync(SweepDocument sweep, IBlobStore blobs, CancellationToken ct)
    {
        var (spec, sha256OfPath) = await SpecInputPaths.ResolveAsync(sweep.SpecJson, blobs, ct).ConfigureAwait(false);
        var plan = SweepPlanner.Expand(spec, [], SweepSpecLimits.MaxRendersCeiling);
        if (sweep.Cells.Count != plan.Points.Count
            || sweep.Cells.Any(c => c.Index < 0 || c.Index >= plan.Points.Count || !SamePlace(c, plan.Points[c.Index]))
            || sweep.Cells.Select(c => c.Index).Distinct().Count() != sweep.Cells.Count)
        {
            throw new InvalidOperationException(
                $"sweep {sweep.Id}: its {sweep.Cells.Count} cells are not the {plan.Points.Count} points its spec plans");
        }
        return new PlannedSweep(sweep, plan, sha256OfPath);
    }

    /// <summary>
    /// The settings sweep.json records for <paramref name="cell"/>: its point's, resolved as
    /// <c>nsf sweep</c> records them, with the weights and an init image named as the user named them.
    /// </summary>
    public RenderSettings SettingsOf(SweepDocumentCell cell)
    {
        var settings = Plan.Points[cell.Index].Request.Settings.Resolve();
        return settings with
        {
            Weights = NameOf(cell.Render.Weights),
            Init = cell.Render.Settings.InitImageSha256 is { } init ? NameOf(init) : settings.Init,
        };
    }

    /// <summary>The user's name for the input <paramref name="sha256"/>, or <c>sha256:&lt;hex&gt;</c> when none was given.</summary>
    public string NameOf(string sha256)
    {
        var name = _sweep.InputNames.GetValueOrDefault(sha256) ?? _sweep.InputNames.GetValueOrDefault(PortableSettings.InitImagePrefix + sha256);
        if (string.IsNullOrWhiteSpace(name))
        {
            return PortableSettings.InitImagePrefix + sha256;
        }
        var shown = name.Length > MaxNameChars ? name[..MaxNameChars] : name;
        // A line break would split a title; a name never reaches the file system unsanitised (SweepFiles).
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    private string NameOfPath(string path) =>
        _sha256OfPath.TryGetValue(path, out var sha256) ? NameOf(sha256) : Path.GetFileName(path);

    private static bool SamePlace(SweepDocumentCell cell, SweepPoint point) =>
        (cell.Page, cell.Row, cell.Column) == (point.Page, point.Row, point.Column);
}
