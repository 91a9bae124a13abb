using System.Globalization;
using NeuralStyle.Farm.Contracts.Messages;
using Spectre.Console;

namespace NeuralStyle.Cli.Farm;

/// <summary>A watched sweep on a terminal: a bar over its cells and one bar per running render (iteration, loss, it/s).</summary>
internal sealed class SweepWatchBars(ProgressContext context) : ISweepWatchView
{
    private readonly Dictionary<string, ProgressTask> _running = new(StringComparer.Ordinal);
    private ProgressTask? _sweep;

    public void OnWatching(string title, int done, int total)
    {
        _sweep = context.AddTask(Markup.Escape($"{title}: {total} render(s)"), maxValue: Math.Max(total, 1));
        _sweep.Value = done;
    }

    public void OnRenderStarted(string key, string cell, string worker, int attempt)
    {
        if (!_running.TryGetValue(key, out var task))
        {
            task = context.AddTask(Markup.Escape(cell), maxValue: 1);
            task.IsIndeterminate = true;
            _running[key] = task;
        }
        task.Description = Markup.Escape($"{cell}  on {worker}{(attempt > 1 ? $" (attempt {attempt})" : "")}");
    }

    public void OnRenderProgressed(string key, string cell, RenderProgressed progress)
    {
        if (!_running.TryGetValue(key, out var task))
        {
            OnRenderStarted(key, cell, "a worker", 1);
            task = _running[key];
        }
        task.IsIndeterminate = false;
        task.MaxValue = Math.Max(progress.TotalIterations, Math.Max(progress.Iteration, 1));
        task.Value = progress.Iteration;
        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{cell}  it {progress.Iteration}  loss {progress.Losses.Total:G4}  {progress.IterationsPerSecond:F2} it/s"));
    }

    public void OnRenderFinished(string key, string line, int done, int total)
    {
        if (_running.Remove(key, out var task))
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
        if (_sweep is not null)
        {
            _sweep.Value = done;
        }
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"render {done}/{total} {line}")));
    }

    public void OnGridWritten(string file) => AnsiConsole.MarkupLine(Markup.Escape($"grid page written: {file}"));
}
