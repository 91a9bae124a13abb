using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Grids;

/// <summary>What goes into one cell: the render's image when it is done, or why it is not.</summary>
public sealed record GridCell(int Row, int Column, string Key, RenderStatus Status, RgbImage? Image, string? Error);
