namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A row of <c>sweeps</c>.</summary>
internal sealed class SweepRow
{
    public string SweepId { get; init; } = "";

    public long SubmissionOrder { get; init; }

    public string? Title { get; init; }

    public string SpecJson { get; init; } = "";

    public string InputNamesJson { get; init; } = "{}";

    public string WeightsSha256 { get; init; } = "";

    public long SubmittedMs { get; init; }

    public string Status { get; init; } = "";

    /// <summary>The last event id before the sweep was accepted: its render events start after it.</summary>
    public long EventsAfter { get; init; }

    public int GridsWritten { get; init; }

    /// <summary>Id of its sweep_completed or sweep_cancelled event, once appended.</summary>
    public long? ClosedEventId { get; init; }

    public Guid Id => Guid.Parse(SweepId);
}
