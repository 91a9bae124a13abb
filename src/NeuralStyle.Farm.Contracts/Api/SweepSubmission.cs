using System.Text.Json;

namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>
/// A sweep sent to the gateway: the spec <c>nsf sweep</c> reads, as a JSON object, with every
/// input named <c>sha256:</c> and its hash (content, style, an init image, weights) instead of a path.
/// </summary>
/// <param name="Spec">The spec object (keys content, style, settings, axes, title).</param>
/// <param name="InputNames">Optional display names by hash (the client's file names), used in grid titles and sweep.json.</param>
/// <param name="MaxRenders">Refuse the sweep if it expands to more renders; null: the gateway's default.</param>
public sealed record SweepSubmission(JsonElement Spec, IReadOnlyDictionary<string, string>? InputNames = null, int? MaxRenders = null);
