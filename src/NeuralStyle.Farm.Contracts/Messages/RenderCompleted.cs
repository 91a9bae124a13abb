using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event: a render finished and its image is in the blob store.</summary>
/// <param name="Key">The render's key.</param>
/// <param name="ResultSha256">SHA-256 of the result PNG, its name in the blob store.</param>
/// <param name="Losses">Losses of the result.</param>
/// <param name="Seconds">Wall time of the batch that made it.</param>
/// <param name="Worker">The worker's name.</param>
/// <param name="Attempt">The attempt that succeeded.</param>
/// <param name="TraceSha256">SHA-256 of the render's trace JSON (settings, inputs, losses per iteration) in the blob store.</param>
/// <param name="Iteration">The last iteration (all scales counted).</param>
/// <param name="BatchSize">Renders optimised together with it.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record RenderCompleted(string Key, string ResultSha256, RenderLosses Losses, double Seconds, string Worker, int Attempt,
    string? TraceSha256 = null, int Iteration = 0, int BatchSize = 1);
