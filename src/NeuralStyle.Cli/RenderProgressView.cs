using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using Spectre.Console;

namespace NeuralStyle.Cli;

/// <summary>
/// Shows a render's progress: a live bar (iteration, losses, iterations/s, ETA) on a terminal,
/// plain lines otherwise (logs, pipes, tests), about twenty per render plus the last.
/// </summary>
internal static class RenderProgressView
{
    public static RenderResult Run(TextWriter output, RenderSettings settings,
        Func<Action<RenderProgress>, RenderResult> render)
    {
        var interactive = Terminal.IsInteractive(output);
        return interactive ? RunWithBar(settings, render) : RunWithLines(output, render);
    }

    private static RenderResult RunWithBar(RenderSettings settings, Func<Action<RenderProgress>, RenderResult> render)
    {
        RenderResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new RateColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var total = settings.EffectiveScales.Count * settings.Iterations;
                var task = context.AddTask("loading VGG-19 and targets", maxValue: total);
                result = render(progress =>
                {
                    task.Value = progress.Iteration;
                    task.Description = Markup.Escape(Describe(progress));
                });
            });
        return result!;
    }

    private static RenderResult RunWithLines(TextWriter output, Func<Action<RenderProgress>, RenderResult> render)
    {
        var clock = Stopwatch.StartNew();
        return render(progress =>
        {
            var every = Math.Max(1, progress.TotalIterations / 20);
            if (progress.Iteration % every == 0 || progress.Iteration == progress.TotalIterations)
            {
                var rate = progress.Losses.Seconds > 0 ? progress.Losses.Iteration / progress.Losses.Seconds : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(progress)}  {rate:F2} it/s  {clock.Elapsed.TotalSeconds:F1} s"));
            }
        });
    }

    private static string Describe(RenderProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"iteration {p.Iteration}/{p.TotalIterations}{(p.ScaleCount > 1 ? $" (scale {p.ScaleIndex + 1}/{p.ScaleCount})" : "")}  total {p.Losses.Total:G4}  content {p.Losses.Content:G4}  style {p.Losses.Style:G4}");
}
