namespace NeuralStyle.Engine.Sweeps;

/// <summary>One grid page in sweep.json: its file, inputs, fixed axis values, row and column axes, and cell rectangles.</summary>
public sealed record SweepGridRecord(
    string File,
    int Page,
    string Content,
    IReadOnlyList<string> Style,
    IReadOnlyDictionary<string, string> Fixed,
    SweepGridAxis? Rows,
    SweepGridAxis? Columns,
    IReadOnlyList<SweepGridCell> Cells);
