using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event: one attempt at a render failed.</summary>
/// <param name="Key">The render's key.</param>
/// <param name="ErrorCode">What failed, as a stable lower-case code (e.g. <c>device_out_of_memory</c>, <c>image_unreadable</c>, <c>render_diverged</c>: the engine's ErrorCatalog) for programs to act on.</param>
/// <param name="Message">What failed, for people.</param>
/// <param name="Retryable">True when another attempt (on this or another worker) may succeed: a lost device, not a bad input.</param>
/// <param name="Attempt">The attempt that failed, from <see cref="RenderBatch.Attempt"/>.</param>
/// <param name="Worker">The worker's name.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record RenderFailed(string Key, string ErrorCode, string Message, bool Retryable, int Attempt, string Worker);
