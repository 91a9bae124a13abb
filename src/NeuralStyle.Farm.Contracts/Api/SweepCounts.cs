namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>How many cells of a sweep are in each state.</summary>
public sealed record SweepCounts(int Queued, int Running, int Succeeded, int Failed, int Cancelled)
{
    /// <summary>Every cell.</summary>
    public int Total => Queued + Running + Succeeded + Failed + Cancelled;
}
