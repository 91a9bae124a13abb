using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Cli.Tests;

/// <summary>A real nsf process and real signals, as when a user presses Ctrl-C or a service manager stops a job.</summary>
[Collection(CliCollection.Name)]
public sealed class InterruptTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static string Nsf => Path.Combine(AppContext.BaseDirectory, "nsf.dll");

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_stops_a_render_after_its_iteration_and_keeps_the_image(string signal, int exitCode)
    {
        var dir = fixture.NewDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in $"{Nsf} render {fixture.TinyWith("--iterations 2000")} --out {dir}/out.png".Split(' '))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await WaitForTheLoop(process);
            Signal(process.Id, signal);

            using var exited = new CancellationTokenSource(Limit);
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(exitCode, process.ExitCode);
            Assert.Contains("stopped at iteration", await stderr);
            using var meta = JsonDocument.Parse(PngText.Read($"{dir}/out.png")["neuralstyle"]);
            Assert.True(meta.RootElement.GetProperty("cancelled").GetBoolean());
            Assert.InRange(meta.RootElement.GetProperty("final").GetProperty("iteration").GetInt32(), 100, 1999);
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task A_second_signal_at_a_terminal_ends_the_render_with_the_cursor_shown_again()
    {
        var dir = fixture.NewDirectory();
        // script gives nsf a terminal, so it draws its live bar and hides the cursor meanwhile.
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardInput = true };
        start.Environment["TERM"] = "xterm";
        foreach (var argument in new[] { "-qfec", $"exec dotnet {Nsf} render {fixture.TinyWith("--iterations 2000")} --out {dir}/out.png", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }
        using var script = Process.Start(start)!;
        try
        {
            var transcript = new StringBuilder();
            var buffer = new char[4096];
            using var seen = new CancellationTokenSource(Limit);
            while (!transcript.ToString().Contains("iteration 1", StringComparison.Ordinal))
            {
                var read = await script.StandardOutput.ReadAsync(buffer, seen.Token);
                Assert.True(read > 0, $"nsf ended before its live bar showed an iteration: {transcript}");
                transcript.Append(buffer, 0, read);
            }
            Assert.Contains("\e[?25l", transcript.ToString());
            var nsf = ChildOf(script.Id);

            // Two different signals, sent back to back by one shell, are never merged into one as
            // two quick Ctrl-Cs can be, and both arrive before the first stop can finish.
            Process.Start("sh", ["-c", $"kill -INT {nsf}; kill -TERM {nsf}"])!.WaitForExit();

            transcript.Append(await script.StandardOutput.ReadToEndAsync(seen.Token));
            await script.WaitForExitAsync(seen.Token);
            var text = transcript.ToString();
            Assert.True(text.LastIndexOf("\e[?25h", StringComparison.Ordinal) > text.LastIndexOf("\e[?25l", StringComparison.Ordinal),
                "the cursor should be shown after the bar last hid it");
            Assert.DoesNotContain("stopped at iteration", text);
        }
        finally
        {
            Kill(script);
        }
    }

    private static async Task WaitForTheLoop(Process process)
    {
        // Plain progress lines come every 100 of 2000 iterations: the second line means the loop is running.
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(Limit);
        }
        while (line is not null && !line.StartsWith("iteration 100/", StringComparison.Ordinal));
        Assert.NotNull(line);
    }

    private static int ChildOf(int pid)
    {
        var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
    }

    private static void Signal(int pid, string signal) =>
        Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
