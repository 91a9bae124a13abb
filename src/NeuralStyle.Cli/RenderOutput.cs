using NeuralStyle.Engine;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Cli;

/// <summary>Writes a render's PNG and trace: each atomically, and both or neither.</summary>
internal static class RenderOutput
{
    /// <summary>
    /// Fails before any work when an output cannot be written where it is asked for, or would
    /// replace one of the render's inputs or another of its outputs.
    /// </summary>
    public static void RequireWritable(string outPath, string? reportPath, RenderRequest request)
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

    public static void Write(string outPath, string? reportPath, RenderResult result)
    {
        if (reportPath is not null)
        {
            AtomicFile.Write(reportPath, stream =>
            {
                using var writer = new StreamWriter(stream);
                writer.Write(RenderTraceJson.Serialize(result.Trace));
            });
        }
        try
        {
            ImageFile.WritePng(outPath, result.Image, RenderMetadata.For(result.Trace));
        }
        catch (OutputFileException) when (reportPath is not null)
        {
            File.Delete(reportPath);
            throw;
        }
    }
}
