using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
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
            if (!File.Exists(path))
            {
                throw new NeuralStyle.Engine.ImageUnreadableException($"cannot read image '{path}': file does not exist");
            }
            var text = PngText.Read(path);
            // A render or snapshot carries "neuralstyle"; a grid page carries "neuralstyle:grid".
            if (!text.TryGetValue(RenderMetadata.Key, out var json) && !text.TryGetValue(RenderMetadata.Key + ":grid", out json))
            {
                throw new NeuralStyle.Engine.ImageUnreadableException($"'{path}' carries no NeuralStyle Farm settings");
            }
            output.WriteLine(JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        });
        return command;
    }
}
