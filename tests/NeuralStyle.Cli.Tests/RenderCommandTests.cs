using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class RenderCommandTests(CliFixture fixture)
{
    [Fact]
    public void A_render_writes_a_png_that_carries_its_settings_and_a_trace_in_the_contract_format()
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny} --alpha-beta 1e-2 --out {dir}/out.png --report {dir}/trace.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote", run.Output);
        using var meta = JsonDocument.Parse(PngText.Read($"{dir}/out.png")["neuralstyle"]);
        var settings = meta.RootElement.GetProperty("settings");
        Assert.Equal(10.0, settings.GetProperty("content_weight").GetDouble(), 9);
        Assert.Equal(1e-2, settings.GetProperty("alpha_beta").GetDouble(), 12);
        Assert.Equal(64, meta.RootElement.GetProperty("weights_sha256").GetString()!.Length);

        using var trace = JsonDocument.Parse(File.ReadAllText($"{dir}/trace.json"));
        var iterations = trace.RootElement.GetProperty("iterations");
        Assert.Equal(4, iterations.GetArrayLength());
        var first = iterations[0];
        Assert.Equal(0, first.GetProperty("iteration").GetInt32());
        foreach (var key in new[] { "total", "content", "style", "tv", "seconds" })
        {
            Assert.True(first.TryGetProperty(key, out _), $"trace iteration lacks '{key}'");
        }
        Assert.Equal(["relu1_1", "relu2_1"], first.GetProperty("style_layers").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["relu2_2"], first.GetProperty("content_layers").EnumerateObject().Select(p => p.Name));
        Assert.Equal(meta.RootElement.GetProperty("weights_sha256").GetString(), trace.RootElement.GetProperty("weights_sha256").GetString());
    }

    [Fact]
    public void Plain_progress_lines_show_iterations_and_losses()
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny} --out {dir}/out.png");
        Assert.Contains("iteration 0/3", run.Output);
        Assert.Contains("iteration 3/3", run.Output);
        Assert.Contains("it/s", run.Output);
    }

    public static TheoryData<string, int, string> BadInputs => new()
    {
        { "--content /nowhere/c.png", 3, "does not exist" },
        { "--style /nowhere/s.png", 3, "does not exist" },
        { "--style-weight -1", 2, "style_weight" },
        { "--content-weight NaN", 2, "content_weight" },
        { "--style-layers relu1_1,relu9_1", 2, "Valid layers: conv1_1" },
        { "--size 8", 2, "size" },
        { "--iterations 0", 2, "iterations" },
        { "--device cuda:99", 4, "cuda:99" },
        { "--weights /nowhere/w.safetensors", 3, "nsf weights random" },
        { "--optimizer sgd", 2, "lbfgs, adam" },
        { "--size 100000", 2, "size" },
        { "--tv-weight -0.5", 2, "tv_weight" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_a_clear_message_an_exit_code_and_no_output_file(string change, int exitCode, string message)
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render {fixture.TinyWith(change)} --out {dir}/out.png --report {dir}/t.json");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void Weights_of_the_wrong_shape_are_an_input_error_with_no_output()
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render {fixture.TinyWith($"--weights {fixture.WrongShapeWeights}")} --out {dir}/out.png");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("[64, 1, 3, 3], expected [64, 3, 3, 3]", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Theory]
    [InlineData("not-an-image.jpg", "this is not an image")]
    [InlineData("huge.png", "")]
    public void A_corrupt_or_gigantic_image_is_an_input_error(string name, string content)
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(fixture.Directory, name);
        if (content.Length > 0)
        {
            File.WriteAllText(path, content);
        }
        else
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Assets", "huge-header.png"), path, overwrite: true);
        }
        var run = CliRun.Of($"render --content {path} --style {fixture.Style} {fixture.Tiny} --out {dir}/out.png");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains(name, run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_report_path_that_is_a_directory_fails_before_rendering()
    {
        var dir = fixture.NewDirectory();
        Directory.CreateDirectory($"{dir}/trace.json");
        var run = CliRun.Of($"render {fixture.TinyWith("")} --out {dir}/out.png --report {dir}/trace.json");
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("--report", run.Error);
        Assert.False(File.Exists($"{dir}/out.png"));
    }

    [Fact]
    public void A_missing_required_option_is_a_usage_error()
    {
        var run = CliRun.Of($"render --style {fixture.Style} --out x.png");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--content", run.Error);
    }

    [Fact]
    public void An_interrupt_stops_cleanly_and_keeps_the_current_image()
    {
        var dir = fixture.NewDirectory();
        using var interrupt = new CancellationTokenSource();
        using var output = new InterruptAfter("iteration 10/", interrupt);
        var run = CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny.Replace("--iterations 3", "--iterations 200")} --out {dir}/out.png", interrupt.Token, output);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("stopped at iteration", run.Error);
        using var meta = JsonDocument.Parse(PngText.Read($"{dir}/out.png")["neuralstyle"]);
        Assert.True(meta.RootElement.GetProperty("cancelled").GetBoolean());
        Assert.InRange(meta.RootElement.GetProperty("final").GetProperty("iteration").GetInt32(), 10, 199);
    }

    [Fact]
    public void Save_every_writes_intermediate_images_beside_the_output()
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny} --save-every 2 --out {dir}/out.png");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["out.iter0000.png", "out.iter0002.png", "out.png"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    /// <summary>Copies of the fixture's inputs in a fresh directory, so a test that overwrote one would not spoil the others.</summary>
    private (string Dir, string Content, string Style) OwnInputs()
    {
        var dir = fixture.NewDirectory();
        File.Copy(fixture.Content, $"{dir}/content.png");
        File.Copy(fixture.Style, $"{dir}/style.png");
        return (dir, $"{dir}/content.png", $"{dir}/style.png");
    }

    public static TheoryData<string, string> OutputsOntoInputs => new()
    {
        { "--out {content}", "is the content image" },
        { "--out {dir}/./style.png", "is the style image" },
        { "--out {dir}/link.png", "is the content image" },
        { "--out {dir}/out.png --report {content}", "--report" },
        { "--out {dir}/out.png --report {dir}/out.png", "are the same file" },
        { "--out {dir}/init.png --init {dir}/init.png", "is the init image" },
        { "--out {dir}/out.png --report {weights}", "is the weights file" },
        { "--out {dir}/out.png --save-every 1 --style {dir}/out.iter0001.png", "save_every" },
    };

    [Theory]
    [MemberData(nameof(OutputsOntoInputs))]
    public void An_output_that_would_replace_an_input_or_another_output_is_refused_before_rendering(string options, string message)
    {
        var (dir, content, style) = OwnInputs();
        File.CreateSymbolicLink($"{dir}/link.png", content);
        File.Copy(fixture.Content, $"{dir}/init.png");
        File.Copy(fixture.Style, $"{dir}/out.iter0001.png");
        var weights = $"{dir}/w.safetensors";
        File.Copy(fixture.Weights, weights);
        var before = Directory.GetFiles(dir).ToDictionary(f => f, File.ReadAllBytes);
        var line = options.Replace("{dir}", dir).Replace("{content}", content).Replace("{weights}", weights);
        var extra = line.Contains("--style", StringComparison.Ordinal) ? "" : $" --style {style}";

        var run = CliRun.Of($"render --content {content}{extra} {fixture.Tiny.Replace(fixture.Weights, weights)} {line}");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("iteration 0", run.Output);
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(dir).Order());
    }

    [Theory]
    [InlineData("{file}/out.png", "is a file, not a directory")]
    [InlineData("/proc/nsf-out.png", "cannot be written")]
    [InlineData("/proc/nsf-dir/out.png", "cannot be written")]
    [InlineData("{dir}/{256}", "at most 255")]
    public void An_output_that_cannot_be_created_fails_before_rendering(string outPath, string message)
    {
        var dir = fixture.NewDirectory();
        File.WriteAllText($"{dir}/file", "x");
        var path = outPath.Replace("{file}", $"{dir}/file").Replace("{dir}", dir).Replace("{256}", new string('n', 252) + ".png");

        var run = CliRun.Of($"render {fixture.TinyWith("")} --out {path}");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("iteration 0", run.Output);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal([$"{dir}/file"], Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_long_output_name_the_file_system_allows_is_written()
    {
        var dir = fixture.NewDirectory();
        var name = new string('n', 246) + ".png";
        var run = CliRun.Of($"render {fixture.TinyWith("")} --out {dir}/{name} --report {dir}/{name[..240]}.json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { name, name[..240] + ".json" }.Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    /// <summary>A writer that requests an interrupt once a line containing a marker is written, like a user pressing Ctrl-C.</summary>
    private sealed class InterruptAfter(string marker, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker) == true)
            {
                interrupt.Cancel();
            }
        }
    }
}
