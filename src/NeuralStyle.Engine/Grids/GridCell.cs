using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Grids;

/// <summary>
/// What goes into one cell: the render's image file when it is done (read when its tile is drawn,
/// one at a time, so a page never holds every render in memory), or why it is not.
/// </summary>
public sealed record GridCell(int Row, int Column, string Key, RenderStatus Status, string? ImagePath, string? Error);
