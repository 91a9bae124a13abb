namespace NeuralStyle.Engine.Sweeps;

/// <summary>A sweep expanded: its pages and every render, each validated, in page-row-column order.</summary>
public sealed record SweepPlan(SweepSpec Spec, IReadOnlyList<GridPage> Pages, IReadOnlyList<SweepPoint> Points);
