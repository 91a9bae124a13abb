using System.Text.Json;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// DIR/sweep.json: every render's settings, inputs, status, losses, duration and image, and every
/// grid. Written atomically when a run starts and when it ends; in between, progress goes to
/// sweep.journal, so a killed run loses nothing it finished and sweep.json is never half written.
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

    /// <summary>A manifest larger than this is not read (about 1.5 KB per render is what a sweep writes).</summary>
    public const long DefaultMaxBytes = 1L << 30;

    private static readonly JsonSerializerOptions Options = new(RenderSettingsJson.Options)
    {
        WriteIndented = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The same names as sweep.json, one record per line (sweep.journal).</summary>
    internal static JsonSerializerOptions LineOptions { get; } = new(Options) { WriteIndented = false };

    /// <summary>Room for <paramref name="renders"/> records and their grid cells, with a wide margin; a file past it is not ours.</summary>
    internal static long MaxBytesFor(int renders) => (1L << 20) + (64L << 10) * renders;

    /// <summary>Writes to DIR/sweep.json atomically.</summary>
    public void Write(string directory) => AtomicFile.Write(Path.Combine(directory, FileName), WriteTo);

    /// <summary>Writes the same bytes as <see cref="Write"/> puts in sweep.json to <paramref name="stream"/> (an archive's entry).</summary>
    public void WriteTo(Stream stream) => JsonSerializer.Serialize(stream, this, Options);

    /// <summary>
    /// The manifest in <paramref name="directory"/>, or null when there is none, or it is not a
    /// regular file, larger than <paramref name="maxBytes"/>, or not a manifest.
    /// </summary>
    public static SweepManifest? TryRead(string directory, long maxBytes = DefaultMaxBytes)
    {
        var path = Path.Combine(directory, FileName);
        if (FileMetadata.Of(path).Kind == FileKind.Missing)
        {
            return null;
        }
        try
        {
            using var stream = InputFiles.OpenRead(path, maxBytes, message => new InputFileException(message));
            return JsonSerializer.Deserialize<SweepManifest>(stream, Options);
        }
        catch (Exception e) when (e is JsonException or NeuralStyleException or IOException or UnauthorizedAccessException
            or NotSupportedException or ArgumentException or InvalidOperationException or FormatException)
        {
            // A manifest we cannot read only costs a re-render; it is replaced when the run starts.
            return null;
        }
    }
}
