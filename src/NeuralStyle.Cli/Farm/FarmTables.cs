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
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = PlainWidth;
        console.Write(table);
    }

    /// <summary>A table whose header is the given columns, borders drawn in ASCII (logs and pipes keep their bytes plain).</summary>
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
