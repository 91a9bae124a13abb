using System.Diagnostics;
using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests;

/// <summary>A real nsf sweep killed with SIGKILL mid-run, then run again.</summary>
[Collection(CliCollection.Name)]
public sealed class SweepKillTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_sweep_killed_after_a_render_loses_no_finished_render_and_keeps_valid_json()
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
        var journal = Path.Combine(outDir, "sweep.journal");
        using (var process = Process.Start(start)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            try
            {
                await WaitFor(() => LinesIn(journal) >= 1 || process.HasExited, "a first render journaled");
                Assert.False(process.HasExited, "the sweep ended before it could be killed");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        var journaled = LinesIn(journal);
        Assert.InRange(journaled, 1, 5);
        using (JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "sweep.json"))))
        {
            // sweep.json is never half written.
        }

        var rerun = CliRun.Of($"sweep {spec} --out {outDir} --batch-size 1");

        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"{6 - journaled} rendered, {journaled} already done, 0 failed", rerun.Output);
    }

    /// <summary>Complete lines only: one torn by the kill does not count as a finished render.</summary>
    private static int LinesIn(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Count(c => c == '\n');
        }
        catch (IOException)
        {
            return 0;
        }
    }

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
