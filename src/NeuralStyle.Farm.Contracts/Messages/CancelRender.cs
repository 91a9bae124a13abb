namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Command: stop the render with this key wherever it runs; it ends with <see cref="RenderFailed"/> (not retryable) or not at all if it already finished.</summary>
/// <param name="Key">The render's key.</param>
public sealed record CancelRender(string Key);
