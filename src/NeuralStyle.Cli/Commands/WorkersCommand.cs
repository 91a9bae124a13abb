using System.CommandLine;
using System.Globalization;
using NeuralStyle.Cli.Farm;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>nsf workers [--gateway URL]</c>: the workers the gateway has heard from.</summary>
internal static class WorkersCommand
{
    public static Command Create(TextWriter output)
    {
        var gateway = new GatewayClientOptions();
        var command = new Command("workers", "Show the gateway's workers: device, state, running renders, it/s, cached targets, last heartbeat");
        gateway.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = gateway.Client(parse);
            var workers = await client.ListWorkersAsync(cancellationToken);
            if (workers.Count == 0)
            {
                output.WriteLine("no workers have reported to this gateway (nsf serve starts some with it)");
                return ExitCodes.Success;
            }
            var now = DateTimeOffset.UtcNow;
            var table = FarmTables.Of("name", "device", "state", "renders", "it/s", "threads", "weights", "cached targets", "last heartbeat");
            foreach (var w in workers)
            {
                FarmTables.AddRow(table, w.Name, w.Device, w.State,
                    w.Renders.Count == 0 ? "-" : string.Join(" ", w.Renders.Select(k => k[..Math.Min(16, k.Length)])),
                    w.IterationsPerSecond.ToString("F2", CultureInfo.InvariantCulture),
                    w.Threads.ToString(CultureInfo.InvariantCulture),
                    w.LoadedWeights is { } sha ? sha[..Math.Min(12, sha.Length)] : "-",
                    string.Create(CultureInfo.InvariantCulture, $"{w.CachedTargets} ({w.CachedTargetBytes / 1048576.0:F1} MiB)"),
                    string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (now - w.LastHeartbeat).TotalSeconds):F0} s ago"));
            }
            FarmTables.Write(output, table);
            return ExitCodes.Success;
        });
        return command;
    }
}
