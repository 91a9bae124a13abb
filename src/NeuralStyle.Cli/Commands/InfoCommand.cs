using System.CommandLine;
using System.Text.Json;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>nsf info</c>: what the native engine runs on (libtorch version, BLAS, CUDA, threads).</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("info", "Show the native engine's runtime: libtorch, BLAS library, CUDA devices, threads");
        command.SetAction(_ =>
        {
            output.WriteLine(JsonSerializer.Serialize(EngineRuntime.Describe(), new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        });
        return command;
    }
}
