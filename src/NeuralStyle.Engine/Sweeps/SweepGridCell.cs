using System.Text.Json.Serialization;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>Where a render's tile sits in the grid image, in pixels.</summary>
public sealed record SweepGridCell(int Row, int Column, string Key,
    [property: JsonConverter(typeof(RenderStatusJsonConverter))] RenderStatus Status, int X, int Y, int Width, int Height);
