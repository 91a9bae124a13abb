using System.Diagnostics;
using System.Text.Json;

namespace NeuralStyle.Engine.Tests.Support;

/// <summary>Runs tests/reference/nsf_reference.py with Debian's python3-torch and returns its trace.</summary>
public static class PythonReference
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static JsonElement Trace(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.Reference);
        foreach (var argument in arguments.Concat(["--report", "-"]))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the PyTorch reference did not finish within {Limit}: {string.Join(' ', arguments)}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the PyTorch reference failed ({process.ExitCode}): {stderr.Result}");
        }
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
