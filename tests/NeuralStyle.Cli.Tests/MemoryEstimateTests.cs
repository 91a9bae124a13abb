using System.Globalization;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Memory;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Cli.Tests;

/// <summary>
/// The memory estimate against what a real nsf process used (peak resident memory from GNU time),
/// and the refusal a user sees. Child processes, so that the measurement is the render's alone.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class MemoryEstimateTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(256, "adam", 2, "relu1_1,relu2_1,relu3_1,relu4_1,relu5_1", "relu4_2")]
    [InlineData(192, "lbfgs", 10, "relu1_1,relu2_1", "relu2_2")]
    public async Task The_estimate_covers_the_measured_peak_without_overstating_it_twice(
        int size, string optimizer, int iterations, string styleLayers, string contentLayers)
    {
        var content = Path.Combine(CliFixture.Examples, "astronaut.jpg");
        var dir = fixture.NewDirectory();
        var timing = Path.Combine(dir, "time.txt");
        var (code, _, error) = await NsfProcess.RunProgramAsync("/usr/bin/time", ["-f", "%M", "-o", timing, "dotnet", NsfProcess.Dll, "render", "--content", content,
            "--style", fixture.Style, "--weights", fixture.Weights, "--size", $"{size}", "--optimizer", optimizer,
            "--iterations", $"{iterations}", "--style-layers", styleLayers, "--content-layers", contentLayers,
            "--out", Path.Combine(dir, "out.png")], Limit);
        Assert.True(code == 0, error);
        var measured = long.Parse(File.ReadAllText(timing).Trim(), CultureInfo.InvariantCulture) * 1024;

        var settings = SettingCatalog.Apply(new RenderSettings { Weights = fixture.Weights }, [
            KeyValuePair.Create("size", SettingValue.Of($"{size}")),
            KeyValuePair.Create("optimizer", SettingValue.Of(optimizer)),
            KeyValuePair.Create("iterations", SettingValue.Of($"{iterations}")),
            KeyValuePair.Create("style_layers", SettingValue.Of(styleLayers)),
            KeyValuePair.Create("content_layers", SettingValue.Of(contentLayers)),
        ], validate: false);
        var estimate = RenderMemory.Estimate(settings, 512, 512).PeakBytes;

        Assert.True(estimate >= measured && estimate <= 2 * measured,
            $"estimated {estimate >> 20} MiB, measured {measured >> 20} MiB at {size} px {optimizer} {styleLayers}");
    }

    [Fact]
    public async Task A_render_that_cannot_fit_is_refused_before_any_work_with_what_it_needs()
    {
        var dir = fixture.NewDirectory();
        var (code, _, error) = await NsfProcess.RunAsync(["render", "--content", fixture.Content, "--style", fixture.Style,
            "--weights", fixture.Weights, "--size", "8192", "--out", Path.Combine(dir, "out.png")], Limit,
            new Dictionary<string, string> { [DeviceMemory.LimitVariable] = "2G" });

        Assert.Equal(4, code);
        Assert.Contains("not enough memory: this render needs about", error);
        Assert.Contains("(NSF_MEMORY_LIMIT)", error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
