using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;
using Xunit.Abstractions;

namespace NeuralStyle.Engine.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the readers of user files: the image decoder (libvips, through ImageFile),
/// PngText and the safetensors reader. Every case must succeed or throw the reader's own
/// NeuralStyleException; never another exception, never a crash; each case within
/// <see cref="FuzzRun.MaxPerCase"/> and <see cref="FuzzRun.MaxAllocatedPerCase"/>, and the process's
/// peak RSS may grow by at most <see cref="MaxPeakRssGrowth"/> over a run (measured alone: the
/// collection runs after every other test). Each run is seeded and stops starting cases after
/// <see cref="FuzzRun.Budget"/>. Decodes stay tiny:
/// an image is decoded (to 8x8) only when its header says at most 256x256 pixels.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class InputReaderFuzzTests(ITestOutputHelper log) : IDisposable
{
    private const int Seed = 20_251_122;
    private const int MaxDecodedPixels = 256 * 256;
    private const long MaxPeakRssGrowth = 512L << 20;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Mutated_png_and_jpeg_files_are_read_or_refused_as_unreadable_or_too_large()
    {
        var seeds = Directory.GetFiles(RepositoryPaths.Examples, "*.jpg").Order(StringComparer.Ordinal)
            .Select(example => (Png: true, Bytes: TinyPng(example)))
            .Append((Png: true, Bytes: CompressedTextPng()))
            .Append((Png: false, Bytes: File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", "exif-orientation-6.jpg"))))
            .Append((Png: false, Bytes: File.ReadAllBytes(Path.Combine(RepositoryPaths.Examples, "rocket.jpg"))))
            .ToArray();
        var run = new FuzzRun(log);
        var random = new Random(Seed);
        var path = _directory.File("case.img");
        var rss = PeakRss.Reset();
        for (var i = 0; i < 4000 && run.WithinBudget; i++)
        {
            var (png, seed) = seeds[i % seeds.Length];
            var (bytes, how) = ByteMutations.Mutate(seed, random, png);
            File.WriteAllBytes(path, bytes);
            run.Case($"image #{i} (seed {Seed}, {(png ? "png" : "jpeg")}: {how})", () =>
            {
                var (width, height) = ImageFile.Probe(path);
                if ((long)width * height <= MaxDecodedPixels)
                {
                    ImageFile.Read(path, 8, 8);
                }
            }, e => e is ImageUnreadableException or ImageTooLargeException);
            if (png)
            {
                run.Case($"png text #{i} (seed {Seed}: {how})", () => PngText.Read(path), e => e is ImageUnreadableException);
            }
        }
        run.Finish("images");
        PeakRss.RequireGrowthBelow(rss, MaxPeakRssGrowth, log);
    }

    [Fact]
    public void Mutated_safetensors_files_are_read_or_refused_as_weights_file_errors()
    {
        var seed = _directory.File("seed.safetensors");
        var random = new Random(Seed);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        SafetensorsWriter.Write(seed, [("features.0.weight", [64, 3, 3, 3], Values(64 * 27)), ("features.0.bias", [64], Values(64))],
            new Dictionary<string, string> { ["format"] = "pt" });
        var valid = File.ReadAllBytes(seed);
        var run = new FuzzRun(log);
        var path = _directory.File("case.safetensors");
        var rss = PeakRss.Reset();
        for (var i = 0; i < 4000 && run.WithinBudget; i++)
        {
            var (bytes, how) = i % 2 == 0 ? SafetensorsMutations.Mutate(valid, random) : ByteMutations.Mutate(valid, random, png: false);
            File.WriteAllBytes(path, bytes);
            run.Case($"weights #{i} (seed {Seed}: {how})", () =>
            {
                var file = SafetensorsFile.Open(path);
                _ = file.Metadata.Count;
                Vgg19Weights.Check(path, 1);
                var loaded = Vgg19Weights.Load(path, 1);
                // What loads must be usable: a flipped exponent bit must not slip through as NaN or infinity.
                if (loaded.Weights.Concat(loaded.Biases).SelectMany(w => w).Any(v => !float.IsFinite(v)))
                {
                    throw new InvalidDataException("loaded weights hold a value that is not finite");
                }
            }, e => e is WeightsFileException);
        }
        run.Finish("weights");
        PeakRss.RequireGrowthBelow(rss, MaxPeakRssGrowth, log);
    }

    /// <summary>A 32 px PNG of an example photograph, with a text chunk so that PngText has something to parse.</summary>
    private byte[] TinyPng(string example)
    {
        var path = _directory.File(Path.GetFileNameWithoutExtension(example) + ".png");
        ImageFile.WritePng(path, ImageFile.ReadFitted(example, 32), new Dictionary<string, string> { ["neuralstyle"] = "{\"settings\":{}}" });
        return File.ReadAllBytes(path);
    }

    /// <summary>A tiny PNG carrying zTXt and compressed iTXt chunks, so that mutations reach the inflater.</summary>
    private byte[] CompressedTextPng()
    {
        var png = TinyPng(Path.Combine(RepositoryPaths.Examples, "coffee.jpg"));
        var compressed = Deflate("{\"settings\":{\"note\":\"caf\u00e9 \u2713\"}}"u8.ToArray());
        byte[] ztxt = [.. "neuralstyle"u8, 0, 0, .. compressed];
        byte[] itxt = [.. "Comment"u8, 0, 1, 0, .. "en"u8, 0, 0, .. compressed];
        return PngChunks.BeforeEnd(PngChunks.BeforeEnd(png, PngChunks.Chunk("zTXt", ztxt)), PngChunks.Chunk("iTXt", itxt));
    }

    private static byte[] Deflate(byte[] text)
    {
        using var output = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(text);
        }
        return output.ToArray();
    }

    public void Dispose() => _directory.Dispose();
}
