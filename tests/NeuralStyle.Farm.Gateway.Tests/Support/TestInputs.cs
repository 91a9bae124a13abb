using System.Text.Json;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Support;

/// <summary>
/// Tiny inputs uploaded to a gateway: two PNGs and a weights file holding only conv1_1 (specs use
/// relu1_1, so the header check needs nothing more). Nothing here renders.
/// </summary>
public sealed record TestInputs(string Content, string Style, string Weights)
{
    public static async Task<TestInputs> UploadAsync(IFarm farm, string directory)
    {
        var content = Path.Combine(directory, "content.png");
        var style = Path.Combine(directory, "style.png");
        var weights = Path.Combine(directory, "conv1_1.safetensors");
        WritePng(content, 32, 24, 1);
        WritePng(style, 32, 32, 2);
        WriteWeights(weights);
        return new TestInputs(await UploadAsync(farm, content, BlobKind.Image), await UploadAsync(farm, style, BlobKind.Image),
            await UploadAsync(farm, weights, BlobKind.Weights));
    }

    /// <summary>A spec over these inputs: tiny renders, extra settings and axes as JSON members (e.g. <c>"alpha_beta": [1, 2]</c>).</summary>
    public JsonElement Spec(string axes = "", string settings = "", bool weights = true, string? content = null)
    {
        var weightsSetting = weights ? $", \"weights\": \"sha256:{Weights}\"" : "";
        var extra = settings.Length > 0 ? ", " + settings : "";
        var axesObject = "{" + axes + "}";
        var json = $$"""
            {"title": "test", "content": "{{content ?? "sha256:" + Content}}", "style": "sha256:{{Style}}",
             "settings": {"size": 32, "iterations": 2, "content_layers": "relu1_1", "style_layers": "relu1_1"{{weightsSetting}}{{extra}}},
             "axes": {{axesObject}}}
            """;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static void WritePng(string path, int width, int height, int seed)
    {
        var pixels = new float[3 * width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (i * (seed + 7) % 97) / 97f;
        }
        ImageFile.WritePng(path, new RgbImage(width, height, pixels), new Dictionary<string, string>());
    }

    public static void WriteWeights(string path)
    {
        var conv = VggLayers.Convolutions[0];
        SafetensorsWriter.Write(path,
        [
            (conv.WeightKey, [conv.OutChannels, conv.InChannels, 3, 3], new float[conv.WeightLength]),
            (conv.BiasKey, [conv.OutChannels], new float[conv.OutChannels]),
        ]);
    }

    private static async Task<string> UploadAsync(IFarm farm, string path, BlobKind kind)
    {
        await using var stream = File.OpenRead(path);
        return (await farm.PutBlobAsync(stream, kind, CancellationToken.None)).Sha256;
    }
}
