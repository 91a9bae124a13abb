using Spectre.Console;

namespace NeuralStyle.Cli;

/// <summary>Whether output goes to a person at a terminal (live bars) or to a log, pipe or test (plain lines).</summary>
internal static class Terminal
{
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
