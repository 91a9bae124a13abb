using System.Diagnostics;
using System.Text.Json;

namespace NeuralStyle.Engine.Tests.Support;

/// <summary>Runs Python scripts of the repository with Debian's python3-torch: the reference, the weights converter.</summary>
public static class PythonReference
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static JsonElement Trace(params string[] arguments) =>
        JsonDocument.Parse(Run([RepositoryPaths.Reference, .. arguments, "--report", "-"])).RootElement.Clone();

    /// <summary>Runs Debian's python3 with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 did not finish within {Limit}: {string.Join(' ', arguments)}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }
        return stdout.Result;
    }
}
