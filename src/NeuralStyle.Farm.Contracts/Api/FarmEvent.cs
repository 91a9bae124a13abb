using System.Text.Json;

namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>
/// One live event, as sent over Server-Sent Events: <c>id</c> is <see cref="Id"/> (increasing,
/// never reused), <c>event</c> is <see cref="Type"/>, <c>data</c> is this record as JSON.
/// </summary>
/// <param name="Id">Position in the gateway's event log.</param>
/// <param name="Type">One of <see cref="FarmEventTypes"/>.</param>
/// <param name="At">When the gateway recorded it.</param>
/// <param name="SweepId">The sweep, for sweep events; null for render events (a render may belong to several sweeps).</param>
/// <param name="Key">The render, for render events.</param>
/// <param name="Data">The payload: for render events the message that caused it (RenderStarted, RenderProgressed, …) or a RenderView; for sweep events a SweepCounts.</param>
public sealed record FarmEvent(long Id, string Type, DateTimeOffset At, Guid? SweepId, string? Key, JsonElement Data);
