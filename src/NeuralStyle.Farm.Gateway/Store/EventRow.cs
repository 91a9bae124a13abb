namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A row of <c>events</c>.</summary>
internal sealed class EventRow
{
    public long EventId { get; init; }

    public string EventType { get; init; } = "";

    public string? SweepId { get; init; }

    public string? RenderKey { get; init; }

    public string DataJson { get; init; } = "{}";

    public long AtMs { get; init; }
}
