namespace NeuralStyle.Farm.Gateway.Export;
/// <summary>One point of a sweep and the state of its render.</summary>
public sealed record SweepDocumentCell(int Index, int Page, int Row, int Column, IReadOnlyDictionary<string, string> Coordinates, string Key, NeuralStyle.Farm.Contracts.PortableRender Render, NeuralStyle.Farm.Contracts.Api.FarmRenderStatus Status, bool Reused, string? ResultSha256, string? TraceSha256, NeuralStyle.Farm.Contracts.Messages.RenderLosses? Losses, int? Iteration, double? Seconds, int? BatchSize, string? ErrorCode, string? Error, string? Worker, int Attempts);
