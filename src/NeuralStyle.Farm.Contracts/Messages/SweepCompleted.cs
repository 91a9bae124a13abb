using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event from the gateway: every render of a sweep has finished, failed for good or been cancelled.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Completed">Renders with a result (found already done or rendered now).</param>
/// <param name="Failed">Renders that failed on every attempt.</param>
/// <param name="Cancelled">Renders cancelled before they finished.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record SweepCompleted(Guid SweepId, int Completed, int Failed, int Cancelled);
