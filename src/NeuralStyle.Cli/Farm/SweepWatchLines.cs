using System.Globalization;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Cli.Farm;

/// <summary>A watched sweep in plain lines (logs, pipes, tests): a line per render started and finished, and per grid page.</summary>
internal sealed class SweepWatchLines(TextWriter output) : ISweepWatchView
{
    public void OnWatching(string title, int done, int total) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"watching {title}: {done} of {total} render(s) finished"));

    public void OnRenderStarted(string key, string cell, string worker, int attempt) =>
        output.WriteLine($"rendering {cell} on {worker}{(attempt > 1 ? $" (attempt {attempt})" : "")}");

    public void OnRenderProgressed(string key, string cell, RenderProgressed progress)
    {
    }

    public void OnRenderFinished(string key, string line, int done, int total) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"render {done}/{total} {line}"));

    public void OnGridWritten(string file) => output.WriteLine($"grid page written: {file}");
}
