using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class SweepCommandTests(CliFixture fixture)
{
    private string Spec(string body) => fixture.TinySpec(body);

    [Fact]
    public void A_spec_sweep_writes_renders_a_grid_and_a_manifest_with_every_render()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec("axes:\n  tv_weight: [0, 1]\n  alpha_beta: [1e-4, 1e-2]\n")} --out {outDir}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("render 4/4", run.Output);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "renders"), "*.png").Length);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.json")));
        var renders = manifest.RootElement.GetProperty("renders");
        Assert.Equal(4, renders.GetArrayLength());
        foreach (var render in renders.EnumerateArray())
        {
            Assert.Equal("succeeded", render.GetProperty("status").GetString());
            Assert.Equal(64, render.GetProperty("weights_sha256").GetString()!.Length);
            Assert.True(render.GetProperty("final").GetProperty("style_layers").TryGetProperty("relu2_1", out _));
            Assert.True(render.GetProperty("seconds").GetDouble() > 0);
            Assert.True(File.Exists(Path.Combine(outDir, render.GetProperty("image").GetString()!)));
            Assert.True(render.GetProperty("settings").TryGetProperty("content_weight", out _));
        }
        var grid = manifest.RootElement.GetProperty("grids")[0];
        Assert.Equal("tv_weight", grid.GetProperty("rows").GetProperty("axis").GetString());
        Assert.Equal(["1e-4", "1e-2"], grid.GetProperty("columns").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.True(File.Exists(Path.Combine(outDir, grid.GetProperty("file").GetString()!)));

        var inspected = CliRun.Of($"inspect {Path.Combine(outDir, grid.GetProperty("file").GetString()!)}");
        Assert.Equal(0, inspected.ExitCode);
        Assert.Contains("\"axis\": \"tv_weight\"", inspected.Output);

        var again = CliRun.Of($"sweep {Spec("axes:\n  tv_weight: [0, 1]\n  alpha_beta: [1e-4, 1e-2]\n")} --out {outDir}");
        Assert.Contains("0 rendered, 4 already done", again.Output);
    }

    [Fact]
    public void Axes_can_be_given_as_flags_without_a_spec()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep --content {fixture.Content} --style {fixture.Style} --weights {fixture.Weights} --size 32 --iterations 1 " +
            $"--axis style_layers=relu1_1;relu1_1,relu2_1 --axis pooling=max;avg --out {outDir}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 renders on 1 grid page", run.Output);
        Assert.Contains("style_layers=relu1_1,relu2_1, pooling=avg", run.Output);
    }

    [Theory]
    [InlineData("axes:\n  alpha_beta: []\n", "axes.alpha_beta is empty")]
    [InlineData("axes:\n  alpha_bta: [1]\n", "unknown setting 'alpha_bta'")]
    [InlineData("axs:\n  alpha_beta: [1]\n", "unknown key 'axs'")]
    [InlineData("axes:\n  style_weight: [1, -1]\n", "style_weight")]
    [InlineData("axes:\n  style_layers: [[relu1_1], [relu7_1]]\n", "unknown layer 'relu7_1'")]
    public void A_bad_spec_fails_before_anything_is_written(string body, string message)
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec(body)} --out {outDir}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_missing_spec_file_is_an_input_error()
    {
        var run = CliRun.Of($"sweep /nowhere/sweep.yaml --out {fixture.NewDirectory()}/out");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("/nowhere/sweep.yaml", run.Error);
    }

    [Fact]
    public void An_output_directory_that_is_a_file_is_an_output_error()
    {
        var file = Path.Combine(fixture.NewDirectory(), "taken");
        File.WriteAllText(file, "");
        var run = CliRun.Of($"sweep {Spec("axes:\n  alpha_beta: [1e-4]\n")} --out {file}");
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("taken", run.Error);
    }

    [Fact]
    public void A_sweep_over_the_limit_is_refused()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec("")} --preset gatys-fig3 --max-renders 19 --out {outDir}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("20 renders, over the limit of 19", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_missing_style_image_fails_before_anything_is_written()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec("axes:\n  alpha_beta: [1e-4]\n")} --style /nowhere/style.jpg --out {outDir}");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("/nowhere/style.jpg", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_failed_render_gives_a_partial_exit_code_and_the_rest_is_written()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        // A learning rate of 1000 with a huge style weight diverges: that render fails, the other is written.
        var run = CliRun.Of($"sweep {Spec("axes:\n  learning_rate: [1, 1000]\n")} --style-weight 1e12 --iterations 6 --out {outDir}");

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("FAILED", run.Output);
        Assert.Contains("1 rendered, 0 already done, 1 failed", run.Output);
        Assert.Contains("1 render(s) failed", run.Error);
        Assert.Single(Directory.GetFiles(Path.Combine(outDir, "renders")));
    }

    [Fact]
    public void A_device_axis_is_refused_since_devices_belong_to_workers()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec("axes:\n  device: [cpu, cuda:99]\n")} --out {outDir}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("one sweep per device", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_init_file_that_is_not_an_image_fails_before_anything_is_written()
    {
        var broken = Path.Combine(fixture.NewDirectory(), "broken.png");
        File.WriteAllText(broken, "broken");
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec($"axes:\n  init: [content, {broken}]\n")} --out {outDir}");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("broken.png", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_sweep_into_a_directory_another_sweep_is_running_in_is_an_output_error()
    {
        var outDir = fixture.NewDirectory();
        using var running = new FileStream(Path.Combine(outDir, ".sweep.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var run = CliRun.Of($"sweep {Spec("axes:\n  alpha_beta: [1e-4]\n")} --out {outDir}");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("another nsf sweep is running", run.Error);
        Assert.False(File.Exists(Path.Combine(outDir, "sweep.json")));
    }
}
