using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Native;

/// <summary>
/// The image path (probe, read, write PNG, a comparison grid page) in a child process where
/// nothing else ran: what the gateway does, which must never load libtorch.
/// </summary>
public sealed class ImageLibraryGuardTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    private static string ProbeDll => typeof(ImageLibraryGuardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ImageOnlyProbe").Value!;

    [Fact]
    public void Probing_reading_writing_and_drawing_a_grid_page_map_libnsf_image_and_never_libtorch()
    {
        using var directory = new TemporaryDirectory();

        var report = RunProbe(directory.Path);

        var mapped = report.GetProperty("mapped").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Contains(mapped, p => Path.GetFileName(p) == "libnsf_image.so");
        Assert.Contains(mapped, p => Path.GetFileName(p).StartsWith("libvips.so", StringComparison.Ordinal));
        var torch = mapped.Where(p => Path.GetFileName(p) is var name
            && (name.StartsWith("libtorch", StringComparison.Ordinal) || name.StartsWith("libc10", StringComparison.Ordinal)
                || name == "libnsf_native.so")).ToArray();
        Assert.True(torch.Length == 0, $"the image path mapped {string.Join(", ", torch)}");
        // And the path did its work: the image round-tripped and the page is a PNG.
        Assert.Equal((48, 32), (report.GetProperty("width").GetInt32(), report.GetProperty("height").GetInt32()));
        Assert.True(report.GetProperty("round_trips").GetBoolean(), "the PNG written should read back within 8-bit rounding");
        var (width, height) = ImageFile.Probe(report.GetProperty("grid").GetString()!);
        Assert.True(width > 48 && height > 32, $"the grid page is {width}x{height}, smaller than its one tile");
    }

    private static JsonElement RunProbe(string directory)
    {
        Assert.True(File.Exists(ProbeDll), $"the probe should be built at {ProbeDll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "exec", ProbeDll, directory })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the image-only probe should finish within {Limit.TotalSeconds} s");
        }
        Assert.True(process.ExitCode == 0, $"the image-only probe exited with {process.ExitCode}: {stderr.Result}");
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
