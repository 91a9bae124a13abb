namespace NeuralStyle.Farm.Gateway.Export;
/// <summary>Everything needed to lay out a sweep's grid pages and write its files.</summary>
public sealed record SweepDocument(Guid Id, string? Title, string SpecJson, IReadOnlyDictionary<string, string> InputNames, IReadOnlyList<SweepDocumentCell> Cells, string WeightsSha256);
