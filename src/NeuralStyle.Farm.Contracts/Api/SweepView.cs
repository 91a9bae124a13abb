namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>A sweep with every cell and grid page.</summary>
public sealed record SweepView(Guid Id, string? Title, SweepStatus Status, DateTimeOffset Submitted, SweepCounts Counts,
    IReadOnlyList<RenderView> Renders, IReadOnlyList<GridPageView> Grids);
