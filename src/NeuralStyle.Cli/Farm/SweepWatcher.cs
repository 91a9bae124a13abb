using System.Globalization;
using System.Text.Json;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// Turns a sweep's events into what a person watches: which cells each render key fills, how many
/// cells are finished, and a line per finished render. A key counts once however many of its
/// events arrive (a retry, a duplicate completion), and keys already finished when watching began
/// are not counted again.
/// </summary>
internal sealed class SweepWatcher
{
    private readonly ISweepWatchView _view;
    private readonly Dictionary<string, List<RenderView>> _cells;
    private readonly HashSet<string> _finished;
    private readonly int _total;
    private int _done;

    public SweepWatcher(SweepView sweep, ISweepWatchView view)
    {
        _view = view;
        _cells = sweep.Renders.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _finished = sweep.Renders.Where(r => IsTerminal(r.Status)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        _total = sweep.Renders.Count;
        _done = sweep.Renders.Count(r => IsTerminal(r.Status));
        view.OnWatching(sweep.Title ?? sweep.Id.ToString(), _done, _total);
    }

    public void Apply(FarmEvent farmEvent)
    {
        if (farmEvent.Key is not { } key || !_cells.TryGetValue(key, out var cells))
        {
            if (farmEvent.Type == FarmEventTypes.GridWritten && Read<GridPageView>(farmEvent) is { } grid)
            {
                _view.OnGridWritten(grid.File);
            }
            return;
        }
        switch (farmEvent.Type)
        {
            case FarmEventTypes.RenderStarted when Read<RenderStarted>(farmEvent) is { } started && !_finished.Contains(key):
                _view.OnRenderStarted(key, Describe(cells), started.Worker, started.Attempt);
                break;
            case FarmEventTypes.RenderProgressed when Read<RenderProgressed>(farmEvent) is { } progressed && !_finished.Contains(key):
                _view.OnRenderProgressed(key, Describe(cells), progressed);
                break;
            case FarmEventTypes.RenderCompleted or FarmEventTypes.RenderFailed or FarmEventTypes.RenderCancelled when _finished.Add(key):
                _done += cells.Count;
                _view.OnRenderFinished(key, Finished(cells, farmEvent.Type, Read<RenderView>(farmEvent)), _done, _total);
                break;
        }
    }

    /// <summary>"[page 1, row 2, column 1] alpha_beta=1e-4, style_layers=relu1_1": where a render sits, and how many more cells it fills.</summary>
    private static string Describe(List<RenderView> cells)
    {
        var first = cells[0];
        var where = first.Page is { } page
            ? string.Create(CultureInfo.InvariantCulture, $"[page {page + 1}, row {first.Row + 1}, column {first.Column + 1}] ")
            : "";
        var coordinates = first.Coordinates is { Count: > 0 } c ? string.Join(", ", c.Select(p => $"{p.Key}={p.Value}")) : "(no axes)";
        var more = cells.Count > 1 ? $" (and {cells.Count - 1} more cell(s))" : "";
        return where + coordinates + more;
    }

    private static string Finished(List<RenderView> cells, string type, RenderView? render)
    {
        var outcome = type switch
        {
            FarmEventTypes.RenderCompleted => string.Create(CultureInfo.InvariantCulture,
                $"done{(render?.Losses is { } l ? $", total loss {l.Total:G4}" : "")}{(render?.Seconds is { } s ? $", {s:F1} s" : "")}{(render?.Worker is { } w ? $" on {w}" : "")}"),
            FarmEventTypes.RenderFailed => $"FAILED: {render?.ErrorCode ?? "error"}: {render?.Error}",
            _ => "cancelled",
        };
        return $"{Describe(cells)}: {outcome}";
    }

    private static bool IsTerminal(FarmRenderStatus status) =>
        status is FarmRenderStatus.Succeeded or FarmRenderStatus.Failed or FarmRenderStatus.Cancelled;

    /// <summary>The event's data as <typeparamref name="T"/>; null when it is not (an event nsf does not know how to show is skipped, not fatal).</summary>
    private static T? Read<T>(FarmEvent farmEvent) where T : class
    {
        try
        {
            return farmEvent.Data.Deserialize<T>(FarmClientJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
