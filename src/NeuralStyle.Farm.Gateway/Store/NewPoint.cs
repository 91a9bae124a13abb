using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A planned point: where it sits, what made it, and its render.</summary>
internal sealed record NewPoint(int Index, int Page, int Row, int Column, IReadOnlyDictionary<string, string> Coordinates, string Key,
    PortableRender Render, string BatchKey);
