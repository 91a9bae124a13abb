using System.Text.Json.Serialization;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>One render in sweep.json: where it sits, what made it, how it went, and its image.</summary>
public sealed record SweepRenderRecord(
    string Key,
    int Index,
    int Page,
    int Row,
    int Column,
    IReadOnlyDictionary<string, string> Coordinates,
    [property: JsonConverter(typeof(RenderStatusJsonConverter))] RenderStatus Status,
    RenderSettings Settings,
    InputImage Content,
    IReadOnlyList<InputImage> Styles,
    string WeightsSha256)
{
    /// <summary>Why it failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The stable code of the failure (<c>device_unavailable</c>; see <see cref="ErrorCatalog"/>), when
    /// it failed. Absent from manifests written before codes existed.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>Losses of the result (total, content, style, tv and per layer).</summary>
    public IterationLosses? Final { get; init; }

    /// <summary>Wall time of the batch that made it.</summary>
    public double? Seconds { get; init; }

    /// <summary>How many renders were optimised together with it (1: solo).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Path of the image relative to the sweep directory: always renders/ and the key's file (<see cref="SweepFiles.RenderImage"/>).</summary>
    public string? Image { get; init; }

    /// <summary>SHA-256 of the image as written; a rerun reuses the render only if its file still hashes to it.</summary>
    public string? ImageSha256 { get; init; }
}
