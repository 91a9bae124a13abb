using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event: a worker began optimising a render.</summary>
/// <param name="Key">The render's key.</param>
/// <param name="BatchId">The batch it runs in.</param>
/// <param name="Worker">The worker's name (host and device).</param>
/// <param name="Attempt">The attempt of <see cref="RenderBatch.Attempt"/>.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record RenderStarted(string Key, Guid BatchId, string Worker, int Attempt);
