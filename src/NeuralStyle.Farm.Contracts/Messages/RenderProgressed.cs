using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event: a render reached an iteration. Sent at a bounded rate; the gateway fans it out to watchers.</summary>
/// <param name="Key">The render's key.</param>
/// <param name="Iteration">Updates done so far (counted over all scales of a multi-scale render).</param>
/// <param name="Losses">Losses of the current image.</param>
/// <param name="IterationsPerSecond">Recent optimiser speed on the worker's device.</param>
/// <param name="TotalIterations">Updates in all (all scales).</param>
/// <param name="PreviewPng">A small PNG of the current image, at most <see cref="MaxPreviewBytes"/>; null when none was made.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record RenderProgressed(string Key, int Iteration, RenderLosses Losses, double IterationsPerSecond, byte[]? PreviewPng = null,
    int TotalIterations = 0)
{
    /// <summary>Largest preview: progress events must stay small on the broker; full images go through the blob store.</summary>
    public const int MaxPreviewBytes = 256 * 1024;
}
