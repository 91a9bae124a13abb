using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Farm;

/// <summary>A local file a submitted sweep reads, and what the gateway checks it as.</summary>
/// <param name="Path">Its full path.</param>
/// <param name="Kind">Image (content, style, init) or weights.</param>
/// <param name="Role">What it is to the sweep, for messages: content image, style image, init image, weights file.</param>
internal sealed record SubmissionInput(string Path, BlobKind Kind, string Role);
