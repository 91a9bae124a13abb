namespace NeuralStyle.Engine.Execution;

/// <summary>Where a <see cref="DirectoryRenderArtifacts"/> puts one render's result.</summary>
/// <param name="Image">The result PNG; its save_every snapshots go beside it (<c>NAME.iterNNNN.png</c>).</param>
/// <param name="Report">The trace JSON; null: none.</param>
public sealed record RenderFiles(string Image, string? Report = null);
