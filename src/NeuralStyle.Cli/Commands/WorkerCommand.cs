using System.CommandLine;
using NeuralStyle.Cli.Farm;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf worker --gateway URL --device cpu|cuda:N</c>: a worker as its own process. It needs a
/// message transport between processes (RabbitMQ, the next issue); until then the command says so
/// and exits 2, and <c>nsf serve</c> runs workers beside the gateway.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(TextWriter error)
    {
        var gateway = new GatewayClientOptions();
        var device = DeviceOption.Create();
        var workers = new Option<int>("--workers") { Description = "workers in this process", DefaultValueFactory = _ => 1 };
        var command = new Command("worker",
            "Run workers as their own process for a gateway elsewhere. Not available yet: it needs the distributed transport (RabbitMQ, next release); use nsf serve, which runs workers beside the gateway")
        {
            device, workers,
        };
        gateway.AddTo(command);
        command.SetAction(parse =>
        {
            error.WriteLine($"nsf: a worker in its own process needs a message transport between processes (RabbitMQ), which this release does not have yet; " +
                $"the gateway at {parse.GetValue(gateway.Gateway)} only reaches workers in its own process. Run 'nsf serve --workers N --device {parse.GetValue(device)}' instead.");
            return ExitCodes.InvalidUsage;
        });
        return command;
    }
}
