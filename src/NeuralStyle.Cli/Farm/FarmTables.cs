using Spectre.Console;

namespace NeuralStyle.Cli.Farm;

/// <summary>Writes tables: with Spectre's live console on a terminal, as plain text of a fixed width elsewhere (pipes, logs, tests).</summary>
internal static class FarmTables
{
    /// <summary>Wide enough that a render key and a worker name fit on one line when nothing says how wide the output is.</summary>
    private const int PlainWidth = 200;

    public static void Write(TextWriter output, Table table)
    {
        if (Terminal.IsInteractive(output))
        {
            AnsiConsole.Write(table);
            return;
        }
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = PlainWidth;
        console.Write(table);
        // Plain text for logs and scripts: no padding to the width, no blank border lines.
        foreach (var line in text.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>A table whose header is the given columns, under a rule and with no frame.</summary>
    public static Table Of(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }
        return table;
    }

    /// <summary>Adds a row of plain texts (escaped: names and errors come from the gateway).</summary>
    public static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());
}
