using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>
/// A render's losses at one iteration: content, style and tv unweighted, total the weighted sum
/// minimised. A diverged render's losses are NaN or infinite: JSON carries them as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </summary>
/// <param name="Total">The weighted sum minimised.</param>
/// <param name="Content">The content loss.</param>
/// <param name="Style">The style loss.</param>
/// <param name="Tv">The total-variation loss.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record RenderLosses(double Total, double Content, double Style, double Tv);
