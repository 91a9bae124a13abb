using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralStyle.Engine;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>nsf inspect IMAGE.png</c>: prints the settings an output image carries.</summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output)
    {
        var image = new Argument<string>("image") { Description = "a PNG written by nsf" };
        var command = new Command("inspect", "Print the settings, weights SHA-256 and losses stored in an output PNG") { image };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(image)!;
            var text = PngText.Read(path);
            // A render or snapshot carries "neuralstyle"; a grid page carries "neuralstyle:grid".
            if (!text.TryGetValue(RenderMetadata.Key, out var json) && !text.TryGetValue(RenderMetadata.Key + ":grid", out json))
            {
                throw new ImageUnreadableException($"'{path}' carries no NeuralStyle Farm settings");
            }
            output.WriteLine(Parse(path, json).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The metadata as a JSON object; anything else in the chunk means the file was not written by nsf as it stands.</summary>
    private static JsonObject Parse(string path, string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new ImageUnreadableException($"'{path}' carries NeuralStyle Farm metadata that is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ImageUnreadableException($"'{path}' carries malformed NeuralStyle Farm metadata (not valid JSON: {e.Message})");
        }
    }
}
