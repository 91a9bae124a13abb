using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Cli.Tests;

/// <summary>What nsf says, and the exit code it gives, when a render goes wrong or a command line is odd.</summary>
[Collection(CliCollection.Name)]
public sealed class MessagesTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public void A_render_that_diverges_while_saving_snapshots_is_a_clear_error_that_leaves_no_files()
    {
        var dir = fixture.NewDirectory();
        // L-BFGS at learning_rate 1000 overflows the loss within a few iterations.
        var run = CliRun.Of($"render {fixture.TinyWith("--iterations 8 --learning-rate 1000 --save-every 1")} --out {dir}/out.png --report {dir}/trace.json");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nsf: engine error: the render diverged: its loss is", run.Error);
        Assert.Contains("lower learning_rate", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
    }

    [Fact]
    public void An_image_too_thin_for_vgg19_at_the_size_is_an_input_error_naming_it()
    {
        var dir = fixture.NewDirectory();
        var thin = Path.Combine(dir, "thin.png");
        ImageFile.WritePng(thin, new RgbImage(4000, 1, new float[3 * 4000]), new Dictionary<string, string>());

        var run = CliRun.Of($"render {fixture.TinyWith($"--content {thin}")} --out {dir}/out.png");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"nsf: input error: content image '{thin}' is 4000x1", run.Error);
        Assert.Contains("needs a short side of at least 2 px", run.Error);
    }

    [Theory]
    [InlineData("--original-colors --seed 3", true)]
    [InlineData("--seed 3 --original-colors", true)]
    [InlineData("--original-colors false --seed 3", false)]
    public void A_flag_alone_means_true_and_never_takes_the_next_option_as_its_value(string options, bool expected)
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny} {options} --out {dir}/out.png");

        Assert.True(run.ExitCode == 0, run.Error);
        using var meta = JsonDocument.Parse(PngText.Read($"{dir}/out.png")["neuralstyle"]);
        var settings = meta.RootElement.GetProperty("settings");
        Assert.Equal(expected, settings.GetProperty("original_colors").GetBoolean());
        Assert.Equal(3, settings.GetProperty("seed").GetInt64());
    }

    [Fact]
    public void Size_and_scales_that_disagree_on_one_command_line_are_an_error()
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"render {fixture.TinyWith("--size 64")} --scales 32 --out {dir}/out.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("size 64 disagrees with scales 32", run.Error);
        Assert.False(File.Exists($"{dir}/out.png"));
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public async Task A_truncated_image_is_an_input_error_that_carries_libvips_warnings_instead_of_printing_them(string format)
    {
        var dir = fixture.NewDirectory();
        var truncated = Path.Combine(dir, $"truncated.{format}");
        var whole = format == "jpg" ? File.ReadAllBytes(Path.Combine(CliFixture.Examples, "chelsea.jpg")) : NoisePng(dir);
        File.WriteAllBytes(truncated, whole[..(whole.Length * 3 / 4)]);

        // A child process: libvips would print on the real stderr, which in-process runs do not capture.
        var run = await NsfProcess.RunAsync($"render {fixture.TinyWith($"--content {truncated}")} --out {dir}/out.png".Split(' '), Limit);
        var error = run.Error;

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain("VIPS-WARNING", error);
        Assert.DoesNotContain("VIPS-WARNING", run.Output);
        Assert.StartsWith($"nsf: input error: cannot decode image '{truncated}'", error);
        Assert.Contains("(libvips warned: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_default_weights_path_is_absolute_even_when_the_home_directory_does_not_exist_yet()
    {
        // A fresh container: HOME names a directory nobody has created.
        var home = Path.Combine(fixture.NewDirectory(), "home-not-created");
        var run = await NsfProcess.RunAsync(["render", "--content", fixture.Content, "--style", fixture.Style, "--size", "32",
            "--out", Path.Combine(fixture.NewDirectory(), "out.png")], Limit,
            new Dictionary<string, string> { ["HOME"] = home, ["NSF_WEIGHTS"] = "", ["XDG_CACHE_HOME"] = "" });

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"weights file '{home}/.cache/neuralstyle-farm/vgg19.tv_in1k.safetensors' does not exist", run.Error);
    }

    /// <summary>A PNG of noise, which does not compress: cutting it cuts its pixel data.</summary>
    private static byte[] NoisePng(string dir)
    {
        var path = Path.Combine(dir, "noise.png");
        ImageFile.WritePng(path, RgbImage.Noise(96, 96, 1), new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
