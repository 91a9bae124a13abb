using System.Text.Json;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Export;

/// <summary>
/// The losses of a render's result, as sweep.json records them (<c>final</c>): the last iteration
/// of the trace a worker stored (the JSON of <see cref="RenderTraceJson"/>), per layer included;
/// without a trace, the last losses the render reported.
/// </summary>
internal static class TraceFinalLosses
{
    /// <summary>A trace is a few kilobytes per iteration; one past this is not read (the reported losses stand in).</summary>
    private const long MaxTraceBytes = 256L << 20;

    public static async Task<IterationLosses?> ReadAsync(SweepDocumentCell cell, IBlobStore blobs, CancellationToken ct)
    {
        if (cell.TraceSha256 is { } trace && await FromTraceAsync(await blobs.LocalPathAsync(trace, ct).ConfigureAwait(false), ct).ConfigureAwait(false) is { } final)
        {
            return final;
        }
        return cell.Losses is { } losses
            ? new IterationLosses(cell.Iteration ?? 0, losses.Total, losses.Content, losses.Style, losses.Tv,
                new Dictionary<string, double>(), new Dictionary<string, double>(), cell.Seconds ?? 0)
            : null;
    }

    /// <summary>The last entry of the trace's <c>iterations</c>, or null when the file is too large or not a trace.</summary>
    internal static async Task<IterationLosses?> FromTraceAsync(string path, CancellationToken ct)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.Length > MaxTraceBytes)
                {
                    return null;
                }
                using var trace = await JsonDocument.ParseAsync(stream, default, ct).ConfigureAwait(false);
                return trace.RootElement is { ValueKind: JsonValueKind.Object } root
                    && root.TryGetProperty("iterations", out var iterations)
                    && iterations is { ValueKind: JsonValueKind.Array } && iterations.GetArrayLength() > 0
                    ? iterations[iterations.GetArrayLength() - 1].Deserialize<IterationLosses>(RenderSettingsJson.Options)
                    : null;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // An unreadable trace costs only the per-layer losses: the reported ones stand in.
            return null;
        }
    }
}
