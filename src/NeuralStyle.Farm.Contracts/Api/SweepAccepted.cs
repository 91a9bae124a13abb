namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>The gateway's answer to a submitted sweep.</summary>
/// <param name="Id">The sweep's id.</param>
/// <param name="Renders">Points of the sweep (grid cells).</param>
/// <param name="Reused">Points whose render had already succeeded (in any sweep) and are not rendered again.</param>
/// <param name="Queued">Distinct renders queued for workers by this submission.</param>
/// <param name="EventsAfter">The last event id before the sweep was accepted: stream its events with <c>Last-Event-ID</c> set to this to miss none.</param>
public sealed record SweepAccepted(Guid Id, int Renders, int Reused, int Queued, long EventsAfter);
