using System.CommandLine;
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

    private static int Run(RenderRequest request, string outPath, string? reportPath, TextWriter output,
        TextWriter error, CancellationToken interrupt)
    {
        RenderOutput.RequireWritable(outPath, reportPath, request);
        using var engine = new StyleTransfer();
        var snapshots = new List<string>();
        RenderResult result;
        try
        {
            result = RenderProgressView.Run(output, request.Settings,
                onProgress => engine.Render(request, progress =>
                {
                    onProgress(progress);
                    if (RenderSnapshots.Due(request.Settings, progress))
                    {
                        snapshots.Add(RenderSnapshots.Write(outPath, request.Settings, progress));
                    }
                }, interrupt));
            RenderOutput.Write(outPath, reportPath, result);
        }
        catch
        {
            // A failed render leaves nothing behind, not even its intermediate images.
            snapshots.ForEach(File.Delete);
            throw;
        }
        var final = result.Trace.Final;
        if (result.Cancelled)
        {
            error.WriteLine($"nsf: stopped at iteration {final.Iteration}; wrote the image as it stood to {outPath}");
            return ExitCodes.Cancelled;
        }
        output.WriteLine($"wrote {outPath} ({result.Image.Width}x{result.Image.Height}, {final.Iteration} iterations, total loss {final.Total:G4}, {result.Trace.Seconds:F1} s)");
        return ExitCodes.Success;
    }
}
