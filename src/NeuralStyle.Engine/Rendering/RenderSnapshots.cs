using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// The <c>save_every</c> setting: intermediate images beside an output, named
/// <c>OUT.iterNNNN.png</c>, carrying the settings and the losses at that iteration.
/// </summary>
public static class RenderSnapshots
{
    /// <summary>True when <paramref name="progress"/> brings an image that save_every asks to keep (the final one is the output itself).</summary>
    public static bool Due(RenderSettings settings, RenderProgress progress) =>
        settings.SaveEvery > 0 && progress.Snapshot is not null && progress.Iteration != progress.TotalIterations;

    /// <summary>Where the snapshot of <paramref name="iteration"/> of <paramref name="outPath"/> goes.</summary>
    public static string PathFor(string outPath, int iteration) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!,
            $"{Path.GetFileNameWithoutExtension(outPath)}.iter{iteration:D4}.png");

    /// <summary>Writes the snapshot and returns its path.</summary>
    public static string Write(string outPath, RenderSettings settings, RenderProgress progress)
    {
        var path = PathFor(outPath, progress.Iteration);
        WriteTo(path, settings, progress);
        return path;
    }

    /// <summary>Writes the snapshot PNG, with its settings and losses, to exactly <paramref name="path"/>.</summary>
    public static void WriteTo(string path, RenderSettings settings, RenderProgress progress)
    {
        var node = new JsonObject
        {
            ["settings"] = JsonSerializer.SerializeToNode(settings.Resolve(), RenderSettingsJson.Options),
            ["snapshot"] = JsonSerializer.SerializeToNode(progress.Losses, RenderTraceJson.Options),
        };
        ImageFile.WritePng(path, progress.Snapshot!, new Dictionary<string, string>
        {
            ["Software"] = "NeuralStyle Farm",
            [RenderMetadata.Key] = node.ToJsonString(),
        });
    }
}
