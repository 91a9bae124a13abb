using System.Diagnostics;
using System.Text;
using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests;

/// <summary>
/// Hostile sweep specs through <c>nsf sweep</c>. Those that once flooded memory or spun the CPU run
/// nsf in a child process with a 512 MiB GC heap and a time limit, so a regression fails the
/// test instead of taking the machine down.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HostileSpecTests(CliFixture fixture)
{
    private static readonly TimeSpan ChildLimit = TimeSpan.FromSeconds(60);

    private string Spec(string body) => fixture.TinySpec(body);

    [Fact]
    public void A_sweep_whose_render_count_overflows_is_refused_before_anything_is_written()
    {
        // 256^8 = 2^64 renders from 1.2 KB: the count used to wrap to 0 and pass --max-renders.
        var names = new[] { "seed", "tv_weight", "style_weight", "content_weight", "learning_rate", "style_scale", "save_every", "iterations" };
        var spec = Spec("axes:\n" + $"  {names[0]}: &v [{string.Join(",", Enumerable.Range(1, 256))}]\n" +
            string.Concat(names.Skip(1).Select(n => $"  {n}: *v\n")));
        var outDir = Path.Combine(fixture.NewDirectory(), "out");

        var (code, error) = Child($"sweep {spec} --out {outDir}");

        Assert.Equal(2, code);
        Assert.Contains("renders, over the limit of 1000", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_spec_of_nested_aliases_as_a_key_is_refused_at_once()
    {
        var body = new StringBuilder("axes:\n  seed: &a0 [1]\n");
        for (var level = 1; level <= 9; level++)
        {
            body.Append($"  tv_weight{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }
        body.Append("  ? *a9\n  : [1]\n");
        var clock = Stopwatch.StartNew();

        var (code, error) = Child($"sweep {Spec(body.ToString())} --out {Path.Combine(fixture.NewDirectory(), "out")}");

        Assert.Equal(2, code);
        Assert.Contains("nodes (aliases expanded), the limit of a spec", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"refusing the spec took {clock.Elapsed.TotalSeconds:F0} s");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1000001")]
    public void Max_renders_out_of_its_range_is_a_usage_error(string maxRenders)
    {
        var run = CliRun.Of($"sweep {Spec("axes:\n  tv_weight: [0, 1]\n")} --max-renders {maxRenders} --out {Path.Combine(fixture.NewDirectory(), "out")}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-renders must be 1 to 1000000", run.Error);
    }

    [Fact]
    public void A_spec_file_over_one_mebibyte_is_an_input_error()
    {
        var spec = Spec("# " + new string('x', 1 << 20) + "\n");
        var run = CliRun.Of($"sweep {spec} --out {Path.Combine(fixture.NewDirectory(), "out")}");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("over the limit of 1 MiB", run.Error);
    }

    [Fact]
    public async Task A_fifo_as_the_spec_is_an_input_error_without_blocking()
    {
        var fifo = Path.Combine(fixture.NewDirectory(), "spec.yaml");
        NsfProcess.Fifo(fifo);
        var running = Task.Run(() => CliRun.Of($"sweep {fifo} --out {Path.Combine(fixture.NewDirectory(), "out")}"));
        Assert.True(await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(20))) == running, "nsf sweep on a FIFO should return within 20 s");
        var run = await running;
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not a regular file", run.Error);
    }

    [Fact]
    public void A_five_thousand_character_title_still_writes_every_grid_page()
    {
        var outDir = Path.Combine(fixture.NewDirectory(), "out");
        var run = CliRun.Of($"sweep {Spec($"title: {new string('t', 5000)}\naxes:\n  tv_weight: [0, 1]\n")} --out {outDir}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("grid: ", run.Output);
        Assert.Single(Directory.GetFiles(outDir, "grid-*.png"));
    }

    /// <summary>nsf in a child process, its GC heap capped at 512 MiB, killed after <see cref="ChildLimit"/>.</summary>
    private static (int Code, string Error) Child(string arguments)
    {
        var run = NsfProcess.RunAsync(arguments.Split(' '), ChildLimit,
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x20000000" }).GetAwaiter().GetResult();
        return (run.ExitCode, run.Error + run.Output);
    }
}
