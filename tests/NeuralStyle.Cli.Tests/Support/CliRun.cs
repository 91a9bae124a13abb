namespace NeuralStyle.Cli.Tests.Support;

/// <summary>Runs nsf in-process on a literal command line and captures what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(string commandLine, CancellationToken interrupt = default, TextWriter? output = null) =>
        Of(Split(commandLine), interrupt, output);

    public static CliRun Of(string[] args, CancellationToken interrupt = default, TextWriter? output = null)
    {
        var stdout = output ?? new StringWriter();
        var stderr = new StringWriter();
        var code = NsfApplication.RunAsync(args, stdout, stderr, interrupt).GetAwaiter().GetResult();
        return new CliRun(code, stdout.ToString()!, stderr.ToString());
    }

    /// <summary>Splits on spaces, keeping "quoted parts" together: enough for test command lines.</summary>
    private static string[] Split(string commandLine)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            parts.Add(current.ToString());
        }
        return [.. parts];
    }
}
