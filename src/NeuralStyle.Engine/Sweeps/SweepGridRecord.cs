namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// One grid page in sweep.json: its file, inputs, fixed axis values, row and column axes, cell
/// rectangles, and the scale its tiles were drawn at (1: each tile is its render pixel for pixel;
/// less when the page would otherwise be over its size bounds).
/// </summary>
public sealed record SweepGridRecord(
    string File,
    int Page,
    string Content,
    IReadOnlyList<string> Style,
    IReadOnlyDictionary<string, string> Fixed,
    SweepGridAxis? Rows,
    SweepGridAxis? Columns,
    IReadOnlyList<SweepGridCell> Cells,
    double Scale = 1);
