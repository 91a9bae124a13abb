using System.CommandLine;
using NeuralStyle.Cli.Hosting;
using NeuralStyle.Farm.Worker;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf serve [--urls URL] [--data DIR] [--workers N] [--threads T] [--device cpu|cuda:N] [--api-key KEY ...] [--weights FILE]</c>:
/// the embedded farm, a gateway and its workers in one process, until Ctrl-C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var server = new FarmServerOptions();
        var workers = new Option<int>("--workers") { Description = "workers in this process, each with its own engine; on CPU they share the cores evenly", DefaultValueFactory = _ => 1 };
        workers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError($"--workers must be 1 to 64, got {result.GetValueOrDefault<int>()}");
            }
        });
        var threads = new Option<int?>("--threads") { Description = "intra-op threads of each CPU worker [default: the cores divided among the workers]" };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 256)
            {
                result.AddError($"--threads must be 1 to 256, got {result.GetValueOrDefault<int?>()}");
            }
        });
        var device = DeviceOption.Create();
        var command = new Command("serve", "Run the farm in this process: the gateway (HTTP API on --urls, data under --data) and its workers") { workers, threads, device };
        server.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var settings = new FarmHostSettings(parse.GetValue(server.Urls)!, parse.GetValue(server.Data)!, server.ApiKeysOf(parse),
                server.WeightsOf(parse), new WorkerOptions { Count = parse.GetValue(workers), Device = parse.GetValue(device)!, Threads = parse.GetValue(threads) });
            return await FarmHostRunner.RunAsync(settings, "serve", output, error, interrupt);
        });
        return command;
    }
}
