using Spectre.Console;

namespace NeuralStyle.Cli;

/// <summary>Whether output goes to a person at a terminal (live bars) or to a log, pipe or test (plain lines).</summary>
internal static class Terminal
{
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Shows the cursor a live progress bar hid, for a process about to end without the bar's own
    /// clean-up. Raw bytes on the terminal: the bar's console may be mid-render under its lock.
    /// </summary>
    public static void ShowCursor()
    {
        if (Console.IsOutputRedirected)
        {
            return;
        }
        using var terminal = Console.OpenStandardOutput();
        terminal.Write("\e[?25h"u8);
        terminal.Flush();
    }
}
