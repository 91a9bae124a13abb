namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>A sweep in a list.</summary>
public sealed record SweepSummary(Guid Id, string? Title, SweepStatus Status, DateTimeOffset Submitted, SweepCounts Counts);
