using System.CommandLine;
using System.Runtime.ExceptionServices;
using NeuralStyle.Engine;
using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>nsf render --content A --style B [--setting value ...] --out OUT.png [--report TRACE.json]</c>.</summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var content = new Option<string>("--content") { Description = "content image (JPEG, PNG, WebP, TIFF)", Required = true };
        var style = new Option<string[]>("--style")
        {
            Description = "style image; repeat (or list several) to blend styles with style_blend_weights",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var outPath = new Option<string>("--out") { Description = "output PNG; it carries the settings that made it", Required = true };
        var report = new Option<string?>("--report") { Description = "write the trace (settings, weights SHA-256, losses per iteration) as JSON" };
        var settings = new SettingOptions();
        var command = new Command("render", "Render one style transfer on the embedded engine") { content, style, outPath, report };
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            var request = new RenderRequest(
                parse.GetValue(content)!,
                parse.GetValue(style)!,
                SettingCatalog.Apply(new RenderSettings(), settings.Given(parse)));
            return Run(request, parse.GetValue(outPath)!, parse.GetValue(report), output, error, interrupt);
        });
        return command;
    }

    /// <summary>
    /// Renders through the same executor as sweeps and farm workers: it writes the PNG and trace
    /// (both or neither) and save_every's snapshots, removes the snapshots when the render fails,
    /// and keeps the image as it stood when interrupted.
    /// </summary>
    private static int Run(RenderRequest request, string outPath, string? reportPath, TextWriter output,
        TextWriter error, CancellationToken interrupt)
    {
        RequireWritable(outPath, reportPath, request);
        using var engine = new StyleTransfer();
        using var executor = new RenderExecutor(engine, new RenderExecutorOptions { KeepCancelledRenders = true });
        var job = new RenderJob("render", request);
        RenderOutcome? outcome = null;
        var result = RenderProgressView.Run(output, request.Settings, onProgress =>
        {
            outcome = executor.RunAsync([job], DirectoryRenderArtifacts.ForOutput(outPath, reportPath),
                new ProgressRenderSink((_, progress) => onProgress(progress)), interrupt).GetAwaiter().GetResult()[0];
            if (outcome.Status == RenderOutcomeStatus.Failed)
            {
                // Reported by the one top-level handler, exactly as any other error of nsf.
                ExceptionDispatchInfo.Throw(outcome.Exception ?? new InvalidOperationException(outcome.Error?.Message));
            }
            // Only a job cancelled before it starts has no image; a fresh executor always starts it.
            return outcome.Result ?? throw new OperationCanceledException("stopped before the first iteration; nothing was written");
        });
        var final = result.Trace.Final;
        if (outcome!.Status == RenderOutcomeStatus.Cancelled)
        {
            error.WriteLine($"nsf: stopped at iteration {final.Iteration}; wrote the image as it stood to {outPath}");
            return ExitCodes.Cancelled;
        }
        output.WriteLine($"wrote {outPath} ({result.Image.Width}x{result.Image.Height}, {final.Iteration} iterations, total loss {final.Total:G4}, {result.Trace.Seconds:F1} s)");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Fails before any work when an output cannot be written where it is asked for, or would
    /// replace one of the render's inputs or another of its outputs.
    /// </summary>
    private static void RequireWritable(string outPath, string? reportPath, RenderRequest request)
    {
        if (!outPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new OutputFileException($"--out '{outPath}' must end in .png (outputs are PNG, which carries the settings)");
        }
        foreach (var (option, path) in new[] { ("--out", outPath), ("--report", reportPath) })
        {
            if (path is not null && Directory.Exists(path))
            {
                throw new OutputFileException($"{option} '{path}' is a directory");
            }
        }
        OutputPaths.RequireRenderOutputs(request, outPath, reportPath);
    }
}
