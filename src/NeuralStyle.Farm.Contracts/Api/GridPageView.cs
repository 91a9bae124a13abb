namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>A comparison grid page of a sweep.</summary>
/// <param name="Page">Its index.</param>
/// <param name="File">The file name nsf sweep gives it (grid-….png).</param>
/// <param name="Sha256">SHA-256 of the page PNG; null until written.</param>
public sealed record GridPageView(int Page, string File, string? Sha256);
