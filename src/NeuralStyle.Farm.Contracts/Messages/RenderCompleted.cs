using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event: a render finished and its image is in the blob store.</summary>
/// <param name="Key">The render's key.</param>
/// <param name="ResultSha256">SHA-256 of the result PNG, its name in the blob store.</param>
/// <param name="Losses">Losses of the result.</param>
/// <param name="Seconds">Wall time of the batch that made it.</param>
/// <param name="Worker">The worker's name.</param>
/// <param name="Attempt">The attempt that succeeded.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record RenderCompleted(string Key, string ResultSha256, RenderLosses Losses, double Seconds, string Worker, int Attempt);
