using System.Text;
using NeuralStyle.Engine.Farm;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Export;

namespace NeuralStyle.Farm.Gateway.Tests.Export;

/// <summary>
/// A sweep as the farm holds it, tiny: two content images and a style (32 px PNGs), a weights
/// file, all in a blob store; a spec naming them <c>sha256:</c>, two pages of tv_weight rows by
/// alpha_beta columns; and for each of its eight cells a result PNG of its own colour and a trace.
/// The weights blob is a stand-in of a few bytes: grid pages and exports name it by hash and never open it.
/// </summary>
internal sealed class TinySweep : IDisposable
{
    public static readonly double[] TvWeights = [0, 1];
    public static readonly double[] AlphaBetas = [1e-4, 1e-2];

    private static readonly string[] TvWeightTexts = ["0", "1"];

    private static readonly string[] AlphaBetaTexts = ["1e-4", "1e-2"];

    public const int ResultWidth = 64;

    public const int ResultHeight = 48;

    public TinySweep()
    {
        Contents = [Blobs.Put(Png(Gradient(32, 24, 0))), Blobs.Put(Png(Gradient(32, 24, 1)))];
        Style = Blobs.Put(Png(Gradient(32, 32, 2)));
        Weights = Blobs.Put(Encoding.UTF8.GetBytes("stand-in for VGG-19 weights: never opened by grids or exports"));
        Names = new Dictionary<string, string>
        {
            [Contents[0]] = "chelsea.png",
            [Contents[1]] = "hubble.png",
            [Style] = "brick.png",
            [Weights] = "vgg19-random.safetensors",
        };
        SpecJson = $$$"""
            {"title": "tiny farm sweep", "content": ["sha256:{{{Contents[0]}}}", "sha256:{{{Contents[1]}}}"], "style": "sha256:{{{Style}}}",
             "settings": {"size": 32, "iterations": 2, "weights": "sha256:{{{Weights}}}"},
             "axes": {"tv_weight": [0, 1], "alpha_beta": [1e-4, 1e-2]}}
            """;
    }

    public TemporaryBlobStore Blobs { get; } = new();

    public string[] Contents { get; }

    public string Style { get; }

    public string Weights { get; }

    public Dictionary<string, string> Names { get; }

    public string SpecJson { get; }

    /// <summary>
    /// The sweep with every cell succeeded (result and trace stored) unless <paramref name="statusOf"/>
    /// says otherwise for its index; a failed cell has an error and no result.
    /// </summary>
    public SweepDocument Document(Func<int, FarmRenderStatus>? statusOf = null, bool traces = true)
    {
        var cells = new List<SweepDocumentCell>();
        for (var page = 0; page < Contents.Length; page++)
        {
            for (var row = 0; row < TvWeights.Length; row++)
            {
                for (var column = 0; column < AlphaBetas.Length; column++)
                {
                    var index = cells.Count;
                    var settings = new RenderSettings { Size = 32, Iterations = 2, TvWeight = TvWeights[row], AlphaBeta = AlphaBetas[column] };
                    var render = PortableRenders.ToPortable(settings, Contents[page], [Style], null, Weights);
                    var status = statusOf?.Invoke(index) ?? FarmRenderStatus.Succeeded;
                    var succeeded = status == FarmRenderStatus.Succeeded;
                    // As the spec writes them, as the gateway's plan records them.
                    var coordinates = new Dictionary<string, string> { ["tv_weight"] = TvWeightTexts[row], ["alpha_beta"] = AlphaBetaTexts[column] };
                    cells.Add(new SweepDocumentCell(index, page, row, column, coordinates, render.Key(), render, status, Reused: false,
                        ResultSha256: succeeded ? Blobs.Put(Png(Result(index))) : null,
                        TraceSha256: succeeded && traces ? Blobs.Put(Encoding.UTF8.GetBytes(Trace(settings, page, index))) : null,
                        Losses: status == FarmRenderStatus.Queued ? null : ReportedLosses(index), Iteration: 2, Seconds: 0.5 + index,
                        BatchSize: 2, ErrorCode: succeeded ? null : "render_diverged",
                        Error: status == FarmRenderStatus.Failed ? $"every image diverged at iteration 2 (cell {index})" : null,
                        Worker: "worker-1", Attempts: 1));
                }
            }
        }
        return new SweepDocument(Guid.NewGuid(), "tiny farm sweep", SpecJson, Names, cells, Weights);
    }

    /// <summary>The losses a worker reported for cell <paramref name="index"/> (unlike its trace's, so a test can tell which was used).</summary>
    public static RenderLosses ReportedLosses(int index) => new(1000 + index, 1, 2, 3);

    /// <summary>The final total loss of cell <paramref name="index"/>'s trace.</summary>
    public static double TraceTotal(int index) => 10 + index;

    /// <summary>
    /// Cell <paramref name="index"/>'s result: <see cref="ResultWidth"/> x <see cref="ResultHeight"/>
    /// of one colour of its own (large enough for a failed neighbour's error text to fit its cell).
    /// </summary>
    public static RgbImage Result(int index)
    {
        float[] colour = [index / 8f, 1 - index / 8f, index % 2 == 0 ? 0.25f : 0.75f];
        var pixels = new float[3 * ResultWidth * ResultHeight];
        for (var channel = 0; channel < 3; channel++)
        {
            Array.Fill(pixels, colour[channel], channel * ResultWidth * ResultHeight, ResultWidth * ResultHeight);
        }
        return new RgbImage(ResultWidth, ResultHeight, pixels);
    }

    public void Dispose() => Blobs.Dispose();

    private string Trace(RenderSettings settings, int page, int index)
    {
        IterationLosses Losses(int iteration, double total) => new(iteration, total, 1, 2, 0,
            new Dictionary<string, double> { ["relu4_2"] = 1 }, new Dictionary<string, double> { ["relu1_1"] = 2 }, 0.25 * iteration);
        var trace = new RenderTrace(settings, Weights, new InputImage("content.png", Contents[page]), [new InputImage("style.png", Style)],
            "cpu", ResultWidth, ResultHeight, Cancelled: false, Seconds: 0.5, [Losses(0, 500), Losses(1, 50), Losses(2, TraceTotal(index))]);
        return RenderTraceJson.Serialize(trace);
    }

    private static RgbImage Gradient(int width, int height, int seed)
    {
        var pixels = new float[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y * width + x] = (float)x / width;
                pixels[width * height + y * width + x] = (float)y / height;
                pixels[2 * width * height + y * width + x] = seed / 3f;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static byte[] Png(RgbImage image)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nsf-gateway-tests-{Guid.NewGuid():N}.png");
        try
        {
            ImageFile.WritePng(path, image, new Dictionary<string, string>());
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
