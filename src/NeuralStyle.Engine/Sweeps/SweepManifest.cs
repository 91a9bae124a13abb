using System.Text.Json;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// DIR/sweep.json: every render's settings, inputs, status, losses, duration and image, and every
/// grid. Rewritten atomically after each batch, so an interrupted sweep loses nothing it finished.
/// </summary>
public sealed record SweepManifest(
    string? Title,
    string WeightsSha256,
    int ModelLoads,
    int TargetsComputed,
    int TargetsReused,
    IReadOnlyList<SweepRenderRecord> Renders,
    IReadOnlyList<SweepGridRecord> Grids)
{
    /// <summary>The file name inside the sweep directory.</summary>
    public const string FileName = "sweep.json";

    private static readonly JsonSerializerOptions Options = new(RenderSettingsJson.Options)
    {
        WriteIndented = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Writes to DIR/sweep.json atomically.</summary>
    public void Write(string directory) =>
        AtomicFile.Write(Path.Combine(directory, FileName), stream => JsonSerializer.Serialize(stream, this, Options));

    /// <summary>The manifest in <paramref name="directory"/>, or null when there is none or it cannot be read.</summary>
    public static SweepManifest? TryRead(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SweepManifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException)
        {
            // A manifest we cannot read only costs a re-render; it is replaced at the first batch.
            return null;
        }
    }
}
