using System.CommandLine;
using NeuralStyle.Cli.Hosting;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf gateway [--urls URL] [--data DIR] [--api-key KEY ...]</c>: the gateway alone, no workers.
/// It never loads libtorch. Its bus is in-process until the next issue brings a broker, so no
/// worker can reach it yet: sweeps submitted to it wait.
/// </summary>
internal static class GatewayCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var server = new FarmServerOptions();
        var command = new Command("gateway",
            "Run the gateway alone (HTTP API, state, no workers; never loads libtorch). Its message bus is in-process for now, " +
            "so no separate worker can join it until the distributed transport (RabbitMQ) arrives: sweeps submitted to it wait. Use nsf serve to render.");
        server.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var settings = new FarmHostSettings(parse.GetValue(server.Urls)!, parse.GetValue(server.Data)!, server.ApiKeysOf(parse),
                server.WeightsOf(parse), Workers: null);
            return await FarmHostRunner.RunAsync(settings, "gateway", output, error, interrupt);
        });
        return command;
    }
}
