namespace NeuralStyle.Farm.Contracts.Storage;

/// <summary>A blob over the size a store accepts.</summary>
public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"the file is larger than {maxBytes} bytes, the most accepted")
{
    /// <summary>The limit.</summary>
    public long MaxBytes { get; } = maxBytes;
}
