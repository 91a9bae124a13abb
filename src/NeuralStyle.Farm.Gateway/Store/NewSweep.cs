using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A planned sweep about to be stored: its row and every point with its render.</summary>
internal sealed record NewSweep(Guid Id, string? Title, string SpecJson, IReadOnlyDictionary<string, string> InputNames, string WeightsSha256,
    IReadOnlyList<NewPoint> Points);

/// <summary>A planned point: where it sits, what made it, and its render.</summary>
internal sealed record NewPoint(int Index, int Page, int Row, int Column, IReadOnlyDictionary<string, string> Coordinates, string Key,
    PortableRender Render, string BatchKey);
