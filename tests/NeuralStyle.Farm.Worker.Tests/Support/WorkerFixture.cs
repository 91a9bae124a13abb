using NeuralStyle.Engine.Farm;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Farm.Worker.Tests.Support;

/// <summary>
/// Inputs in a blob store, written once per run: random VGG-19 weights (seed 7), a 32x24 content
/// image and a 32x32 style image drawn from formulas, so tests need no files of the repository.
/// </summary>
public sealed class WorkerFixture : IDisposable
{
    public WorkerFixture()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "nsf-worker-inputs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var weights = Path.Combine(scratch, "weights.safetensors");
            RandomVgg19Weights.Write(weights, seed: 7);
            WeightsSha256 = Blobs.Put(File.ReadAllBytes(weights));
            ContentSha256 = Blobs.Put(Png(scratch, 32, 24, (x, y, c) => (x * (c + 1) + y * 3) % 32 / 31f));
            StyleSha256 = Blobs.Put(Png(scratch, 32, 32, (x, y, c) => ((x / 4 + y / 4 + c) % 2 == 0) ? 0.9f : 0.1f));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    public TemporaryBlobStore Blobs { get; } = new();

    public string WeightsSha256 { get; }

    public string ContentSha256 { get; }

    public string StyleSha256 { get; }

    /// <summary>A tiny render (32 px, shallow layers) of the fixture's images.</summary>
    public PortableRender Render(int iterations = 3, double styleWeight = 1000, string? contentSha256 = null) =>
        PortableRenders.ToPortable(new RenderSettings
        {
            Size = 32,
            Iterations = iterations,
            StyleWeight = styleWeight,
            StyleLayers = ["relu1_1", "relu2_1"],
            ContentLayers = ["relu2_2"],
        }, contentSha256 ?? ContentSha256, [StyleSha256], null, WeightsSha256);

    private static byte[] Png(string directory, int width, int height, Func<int, int, int, float> value)
    {
        var pixels = new float[3 * width * height];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    pixels[c * width * height + y * width + x] = value(x, y, c);
                }
            }
        }
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.png");
        ImageFile.WritePng(path, new RgbImage(width, height, pixels), new Dictionary<string, string>());
        return File.ReadAllBytes(path);
    }

    public void Dispose() => Blobs.Dispose();
}
