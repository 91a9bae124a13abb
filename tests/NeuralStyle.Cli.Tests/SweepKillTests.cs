using System.Diagnostics;
using System.Text.RegularExpressions;
using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests;

/// <summary>A real nsf sweep (the embedded farm) killed with SIGKILL mid-run, then run again on the same directory.</summary>
[Collection(CliCollection.Name)]
public sealed partial class SweepKillTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_sweep_killed_after_a_render_loses_no_finished_render_and_renders_only_the_rest()
    {
        var dir = fixture.NewDirectory();
        var spec = Path.Combine(dir, "sweep.yaml");
        await File.WriteAllTextAsync(spec, $"content: {fixture.Content}\nstyle: {fixture.Style}\n" +
            $"settings: {{size: 32, iterations: 100, weights: {fixture.Weights}, style_layers: [relu1_1, relu2_1], content_layers: [relu2_2]}}\naxes:\n  alpha_beta: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]\n");
        var outDir = Path.Combine(dir, "out");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "nsf.dll"), "sweep", spec, "--out", outDir, "--batch-size", "1" })
        {
            start.ArgumentList.Add(argument);
        }
        var finished = 0;
        using (var process = Process.Start(start)!)
        {
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is { } text && FinishedLine().IsMatch(text))
                {
                    Interlocked.Increment(ref finished);
                }
            };
            process.BeginOutputReadLine();
            _ = process.StandardError.ReadToEndAsync();
            try
            {
                await WaitFor(() => Volatile.Read(ref finished) >= 1 || process.HasExited, "a first render reported finished");
                Assert.False(process.HasExited, "the sweep ended before it could be killed");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        var seen = Volatile.Read(ref finished);
        Assert.InRange(seen, 1, 5);

        var rerun = CliRun.Of($"sweep {spec} --out {outDir} --batch-size 1");

        Assert.Equal(0, rerun.ExitCode);
        // Every render reported finished before the kill is reused; the others are rendered now.
        var summary = SummaryLine().Match(rerun.Output);
        Assert.True(summary.Success, rerun.Output);
        var (rendered, reused) = (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value));
        Assert.Equal(6, rendered + reused);
        Assert.InRange(reused, seen, 5);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(outDir, "renders"), "*.png").Length);
    }

    [GeneratedRegex(@"^render \d+/\d+ .*: done")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"(\d+) rendered, (\d+) already done, 0 failed")]
    private static partial Regex SummaryLine();

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Limit, $"expected {what} within {Limit.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
