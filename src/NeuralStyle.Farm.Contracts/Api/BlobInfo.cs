namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>A file the gateway holds, named by its SHA-256.</summary>
/// <param name="Sha256">64 lower-case hex digits: the name to use in a spec as <c>sha256:</c> and this.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Kind">What it was checked as.</param>
/// <param name="Width">Pixel width of an image; null for weights.</param>
/// <param name="Height">Pixel height of an image; null for weights.</param>
public sealed record BlobInfo(string Sha256, long Bytes, BlobKind Kind, int? Width = null, int? Height = null);
