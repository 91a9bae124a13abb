namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A planned sweep about to be stored: its row and every point with its render.</summary>
internal sealed record NewSweep(Guid Id, string? Title, string SpecJson, IReadOnlyDictionary<string, string> InputNames, string WeightsSha256,
    IReadOnlyList<NewPoint> Points);
