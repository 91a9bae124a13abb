using NeuralStyle.Engine;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Cli;

/// <summary>Writes a render's PNG and trace; both atomically, so a failure leaves no partial file.</summary>
internal static class RenderOutput
{
    /// <summary>Fails before any work when the output cannot be a PNG in a writable place.</summary>
    public static void RequireWritable(string outPath)
    {
        if (!outPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new OutputFileException($"--out '{outPath}' must end in .png (outputs are PNG, which carries the settings)");
        }
        if (Directory.Exists(outPath))
        {
            throw new OutputFileException($"--out '{outPath}' is a directory");
        }
    }

    public static void Write(string outPath, RenderResult result) =>
        ImageFile.WritePng(outPath, result.Image, RenderMetadata.For(result.Trace));

    public static void WriteTrace(string path, RenderTrace trace) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(RenderTraceJson.Serialize(trace));
        });
}
