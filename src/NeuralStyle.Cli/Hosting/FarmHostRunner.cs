using System.Globalization;
using Microsoft.Extensions.Hosting;
using NeuralStyle.Engine;

namespace NeuralStyle.Cli.Hosting;

/// <summary>Starts a farm host, says where it listens, and runs it until the first Ctrl-C or SIGTERM.</summary>
internal static class FarmHostRunner
{
    public static async Task<int> RunAsync(FarmHostSettings settings, string role, TextWriter output, TextWriter error, CancellationToken stop)
    {
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot create the data directory '{settings.DataDirectory}': {e.Message}", e);
        }
        await using var app = FarmHost.Build(settings);
        try
        {
            await app.StartAsync(stop);
        }
        catch (IOException e)
        {
            // Kestrel reports a taken port or an address it cannot bind as an IOException.
            error.WriteLine($"nsf: cannot listen on {settings.Urls}: {e.Message} (choose another with --urls)");
            return ExitCodes.InvalidUsage;
        }
        foreach (var address in FarmHost.Addresses(app))
        {
            output.WriteLine($"nsf {role}: listening on {address}");
        }
        output.WriteLine($"data: {Path.GetFullPath(settings.DataDirectory)}");
        output.WriteLine(settings.Workers is { } workers
            ? string.Create(CultureInfo.InvariantCulture, $"workers: {workers.Count} on {workers.Device}")
            : "workers: none in this process (renders wait for workers; see nsf gateway --help)");
        output.WriteLine(settings.DefaultWeights is { } weights
            ? $"default weights: {weights}"
            : "default weights: none (every spec must name its weights; nsf submit sends yours)");
        output.WriteLine(settings.ApiKeys.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"API keys: {settings.ApiKeys.Count} (X-Api-Key needed to submit and cancel)")
            : "API keys: none (allowed on loopback only)");
        output.WriteLine("Ctrl-C stops it; started again on the same data it continues unfinished sweeps.");
        output.Flush();
        await app.WaitForShutdownAsync(stop);
        output.WriteLine($"nsf {role}: stopped");
        return ExitCodes.Success;
    }
}
