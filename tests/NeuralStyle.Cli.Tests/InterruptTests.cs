using System.Diagnostics;
using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Cli.Tests;

/// <summary>A real nsf process and a real SIGINT, as when a user presses Ctrl-C.</summary>
[Collection(CliCollection.Name)]
public sealed class InterruptTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigint_stops_a_render_after_its_iteration_and_keeps_the_image()
    {
        var dir = fixture.NewDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in $"{Path.Combine(AppContext.BaseDirectory, "nsf.dll")} render {fixture.TinyWith("--iterations 2000")} --out {dir}/out.png".Split(' '))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        try
        {
            await InterruptAndCheck(process, dir);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task InterruptAndCheck(Process process, string dir)
    {
        var stderr = process.StandardError.ReadToEndAsync();

        // Plain progress lines come every 100 of 2000 iterations: the second line means the loop is running.
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(Limit);
        }
        while (line is not null && !line.StartsWith("iteration 100/", StringComparison.Ordinal));
        Assert.NotNull(line);
        Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

        using var exited = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(exited.Token);
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("stopped at iteration", await stderr);
        using var meta = JsonDocument.Parse(PngText.Read($"{dir}/out.png")["neuralstyle"]);
        Assert.True(meta.RootElement.GetProperty("cancelled").GetBoolean());
        Assert.InRange(meta.RootElement.GetProperty("final").GetProperty("iteration").GetInt32(), 100, 1999);
    }
}
