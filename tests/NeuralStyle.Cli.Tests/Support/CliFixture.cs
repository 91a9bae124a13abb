using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Cli.Tests.Support;

/// <summary>Random weights and 32 px inputs shared by the CLI tests.</summary>
public sealed class CliFixture : IDisposable
{
    public CliFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "nsf-cli-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Weights = Path.Combine(Directory, "vgg19-random.safetensors");
        RandomVgg19Weights.Write(Weights, 5);
        Content = Write("chelsea.jpg", "content.png", 32);
        Style = Write("gravel.jpg", "style.png", 32);
        // conv1_1 with one input channel instead of three: a file that is safetensors but not VGG-19.
        WrongShapeWeights = Path.Combine(Directory, "wrong-shape.safetensors");
        SafetensorsWriter.Write(WrongShapeWeights, [("features.0.weight", [64, 1, 3, 3], new float[64 * 9]), ("features.0.bias", [64], new float[64])]);
    }

    public string WrongShapeWeights { get; }

    public string Directory { get; }

    public string Weights { get; }

    public string Content { get; }

    public string Style { get; }

    public static string Examples { get; } = FindExamples();

    /// <summary>The common tail of a tiny render command line.</summary>
    public string Tiny => $"--weights {Weights} --size 32 --iterations 3 --style-layers relu1_1,relu2_1 --content-layers relu2_2";

    /// <summary>A tiny render's options with some replaced: "--size 8" replaces --size.</summary>
    public string TinyWith(string change)
    {
        var options = Parse($"--content {Content} --style {Style} {Tiny}");
        foreach (var (name, value) in Parse(change))
        {
            options[name] = value;
        }
        return string.Join(' ', options.Select(o => $"{o.Key} {o.Value}"));
    }

    private static Dictionary<string, string> Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new Dictionary<string, string>();
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            result[parts[i]] = parts[i + 1];
        }
        return result;
    }

    /// <summary>A tiny sweep spec (32 px, 2 iterations) over the fixture's images and weights, with <paramref name="body"/> (axes, title) appended.</summary>
    public string TinySpec(string body)
    {
        var path = Path.Combine(NewDirectory(), "sweep.yaml");
        File.WriteAllText(path, $"content: {Content}\nstyle: {Style}\n" +
            $"settings: {{size: 32, iterations: 2, weights: {Weights}, style_layers: [relu1_1, relu2_1], content_layers: [relu2_2]}}\n{body}");
        return path;
    }

    public string NewDirectory()
    {
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private string Write(string example, string name, int size)
    {
        var path = Path.Combine(Directory, name);
        ImageFile.WritePng(path, ImageFile.ReadFitted(Path.Combine(Examples, example), size), new Dictionary<string, string>());
        return path;
    }

    private static string FindExamples()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NeuralStyle.Farm.sln")))
            {
                return Path.Combine(d.FullName, "examples");
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
