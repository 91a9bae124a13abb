using System.CommandLine;
using NeuralStyle.Cli.Commands;

namespace NeuralStyle.Cli;

/// <summary>The nsf command tree, runnable in-process with any writers (tests use this).</summary>
internal static class NsfApplication
{
    public static RootCommand Build(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var root = new RootCommand("NeuralStyle Farm: neural style transfer (Gatys et al.) on libtorch")
        {
            RenderCommand.Create(output, error, interrupt),
            SweepCommand.Create(output, error, interrupt),
            ServeCommand.Create(output, error, interrupt),
            GatewayCommand.Create(output, error, interrupt),
            WorkerCommand.Create(error),
            SubmitCommand.Create(output, error),
            StatusCommand.Create(output),
            CancelCommand.Create(output),
            WorkersCommand.Create(output),
            WeightsCommand.Create(output, error),
            InspectCommand.Create(output),
            InfoCommand.Create(output),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        try
        {
            var parse = Build(output, error, interrupt).Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var problem in parse.Errors)
                {
                    error.WriteLine($"nsf: {problem.Message}");
                }
                error.WriteLine("Run 'nsf --help' or 'nsf COMMAND --help' for usage.");
                return ExitCodes.InvalidUsage;
            }
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                // Ctrl-C is ours (ConsoleInterrupt): the render must keep its image, not be killed after a timeout.
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(configuration, interrupt);
        }
        catch (Exception e)
        {
            return ErrorReporting.Report(e, error);
        }
    }
}
