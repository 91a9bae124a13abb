using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Cli;

/// <summary>The <c>save_every</c> setting: intermediate images beside the output, named by iteration.</summary>
internal sealed class SnapshotWriter(string outPath, RenderSettings settings)
{
    public void Write(RenderProgress progress)
    {
        if (settings.SaveEvery <= 0 || progress.Snapshot is null || progress.Iteration == progress.TotalIterations)
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        var path = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(outPath)}.iter{progress.Iteration:D4}.png");
        ImageFile.WritePng(path, progress.Snapshot, new Dictionary<string, string>
        {
            ["Software"] = "NeuralStyle Farm",
            ["neuralstyle:settings"] = RenderSettingsJson.Serialize(settings.Resolve()),
            ["neuralstyle:iteration"] = progress.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["neuralstyle:total_loss"] = progress.Losses.Total.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
