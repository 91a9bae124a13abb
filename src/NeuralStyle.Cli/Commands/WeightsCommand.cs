using System.CommandLine;
using System.Globalization;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>nsf weights random|download|info</c>.</summary>
internal static class WeightsCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("weights", "Create, fetch or inspect VGG-19 weights files (.safetensors, torchvision key names)")
        {
            Random(output),
            Download(output, error),
            Info(output),
        };

    private static Command Random(TextWriter output)
    {
        var seed = new Option<long>("--seed") { Description = "random seed; the same seed writes the same file", DefaultValueFactory = _ => 0 };
        var outPath = new Option<string>("--out") { Description = "file to write", Required = true };
        var command = new Command("random", "Write deterministic random VGG-19 weights (for tests and offline use; not pretrained)") { seed, outPath };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(outPath)!;
            RandomVgg19Weights.Write(path, parse.GetValue(seed));
            output.WriteLine($"wrote {path} (random VGG-19, seed {parse.GetValue(seed)}, sha256 {Vgg19Weights.HashOf(path)})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Download(TextWriter output, TextWriter error)
    {
        var outPath = new Option<string>("--out") { Description = "file to write", DefaultValueFactory = _ => WeightsLocation.Default };
        var url = new Option<string>("--url") { Description = "where to fetch from", DefaultValueFactory = _ => WeightsDownloader.DefaultUrl };
        var sha = new Option<string?>("--sha256") { Description = "expected SHA-256; the file is kept only if it matches" };
        var command = new Command("download", "Download pretrained VGG-19 weights (torchvision's, as safetensors)") { outPath, url, sha };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(outPath)!;
            var sha256 = await DownloadProgressView.RunAsync(output, error, onProgress =>
                WeightsDownloader.DownloadAsync(parse.GetValue(url)!, path, parse.GetValue(sha), onProgress, cancellationToken));
            output.WriteLine($"wrote {path} (sha256 {sha256})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Info(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "a .safetensors file" };
        var command = new Command("info", "Show a weights file's VGG-19 tensors, shapes and SHA-256") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var weights = SafetensorsFile.Open(path);
            output.WriteLine($"file     {path}");
            output.WriteLine($"sha256   {Vgg19Weights.HashOf(path)}");
            foreach (var (key, value) in weights.Metadata)
            {
                output.WriteLine($"metadata {key}: {value}");
            }
            var present = 0;
            foreach (var convolution in VggLayers.Convolutions)
            {
                var ok = weights.Entries.TryGetValue(convolution.WeightKey, out var entry);
                present += ok ? 1 : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{convolution.Name,-8} {convolution.WeightKey,-20} {(ok ? $"{entry!.DType} {entry.ShapeText}" : "missing")}"));
            }
            output.WriteLine($"{present} of {VggLayers.Convolutions.Count} VGG-19 convolutions present; {weights.Entries.Count} tensors in all");
            // Loading checks every shape, so info fails the same way a render would.
            Vgg19Weights.Load(path, Math.Max(1, present));
            return ExitCodes.Success;
        });
        return command;
    }
}
