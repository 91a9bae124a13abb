using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// The trace as JSON: <c>{"settings": {...}, "weights_sha256": "...", "iterations": [{"iteration": 0,
/// "total": x, "content": x, "style": x, "tv": x, "content_layers": {...}, "style_layers": {...},
/// "seconds": x}, ...]}</c> plus the inputs, device, size and outcome.
/// </summary>
public static class RenderTraceJson
{
    internal static readonly JsonSerializerOptions Options = new(RenderSettingsJson.Options) { WriteIndented = true };

    /// <summary>Indented JSON of <paramref name="trace"/>.</summary>
    public static string Serialize(RenderTrace trace) => ToNode(trace).ToJsonString(Options);

    /// <summary>The trace as a JSON object, for embedding (sweep manifests, PNG metadata).</summary>
    public static JsonObject ToNode(RenderTrace trace) => new()
    {
        ["settings"] = JsonSerializer.SerializeToNode(trace.Settings, RenderSettingsJson.Options),
        ["weights_sha256"] = trace.WeightsSha256,
        ["content"] = JsonSerializer.SerializeToNode(trace.Content, Options),
        ["styles"] = JsonSerializer.SerializeToNode(trace.Styles, Options),
        ["device"] = trace.Device,
        ["width"] = trace.Width,
        ["height"] = trace.Height,
        ["cancelled"] = trace.Cancelled,
        ["seconds"] = trace.Seconds,
        ["iterations"] = JsonSerializer.SerializeToNode(trace.Iterations, Options),
    };
}
