using Spectre.Console;
using Spectre.Console.Rendering;

namespace NeuralStyle.Cli;

/// <summary>Iterations per second of a progress task.</summary>
internal sealed class RateColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? $"{speed:F2} it/s" : "-- it/s");
}
