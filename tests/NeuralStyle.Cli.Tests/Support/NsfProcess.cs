using System.Diagnostics;

namespace NeuralStyle.Cli.Tests.Support;

/// <summary>
/// nsf (or a program wrapping it) as a child process, for what an in-process run cannot show: the
/// real stderr, peak memory, a capped heap. Killed, and the test failed, past its time limit.
/// </summary>
public static class NsfProcess
{
    /// <summary>The CLI built beside the tests.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "nsf.dll");

    /// <summary>Runs <c>dotnet nsf.dll ARGUMENTS</c>.</summary>
    public static Task<CliRun> RunAsync(IEnumerable<string> arguments, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunProgramAsync("dotnet", [Dll, .. arguments], limit, environment);

    /// <summary>Runs <paramref name="program"/> (e.g. /usr/bin/time) with <paramref name="arguments"/>.</summary>
    public static async Task<CliRun> RunProgramAsync(string program, IEnumerable<string> arguments, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        var listed = arguments.ToArray();
        foreach (var argument in listed)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new CliRun(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            var line = string.Join(' ', listed);
            Assert.Fail($"{program} {line[..Math.Min(80, line.Length)]}… should finish within {limit.TotalSeconds} s");
            throw;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>A FIFO with no writer at <paramref name="path"/>: opening it for reading blocks.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        Assert.True(mkfifo.WaitForExit(10_000), "mkfifo did not finish within 10 s");
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
