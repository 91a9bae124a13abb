using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// The text chunks every output PNG carries: the settings, weights SHA-256, inputs and final
/// losses that made it, under the key <see cref="Key"/>, so an image can always be reproduced.
/// </summary>
public static class RenderMetadata
{
    /// <summary>The PNG text key holding the render's JSON.</summary>
    public const string Key = "neuralstyle";

    /// <summary>Text chunks for a finished (or cancelled) render.</summary>
    public static IReadOnlyDictionary<string, string> For(RenderTrace trace)
    {
        var node = RenderTraceJson.ToNode(trace);
        node.Remove("iterations");
        node["final"] = JsonSerializer.SerializeToNode(trace.Final, RenderTraceJson.Options);
        return Chunks(node);
    }

    private static Dictionary<string, string> Chunks(JsonObject node) => new()
    {
        ["Software"] = "NeuralStyle Farm",
        [Key] = node.ToJsonString(),
    };
}
