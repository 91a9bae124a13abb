namespace NeuralStyle.Farm.Contracts.Storage;

/// <summary>A blob named by a hash that the store does not hold.</summary>
public sealed class BlobNotFoundException(string sha256)
    : Exception($"no file with SHA-256 {sha256} is held; upload it first")
{
    /// <summary>The hash asked for.</summary>
    public string Sha256 { get; } = sha256;
}
