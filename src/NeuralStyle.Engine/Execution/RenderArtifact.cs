namespace NeuralStyle.Engine.Execution;

/// <summary>Where an <see cref="IRenderArtifacts"/> store put a render's result.</summary>
/// <param name="Image">The result PNG: a path for a directory, a SHA-256 for a blob store.</param>
/// <param name="ImageSha256">SHA-256 of the PNG as stored.</param>
/// <param name="Trace">The trace JSON, likewise; null when none was written.</param>
public sealed record RenderArtifact(string Image, string ImageSha256, string? Trace);
