namespace NeuralStyle.Farm.Contracts.Storage;

/// <summary>
/// Content-addressed files (SHA-256, 64 lower-case hex): inputs, weights, results, traces, previews,
/// grid pages. The gateway holds them in a directory; a worker in the same process uses that store,
/// a remote worker fetches and uploads over HTTP. Thread-safe.
/// </summary>
public interface IBlobStore
{
    /// <summary>True when the blob is held (locally or by the gateway).</summary>
    ValueTask<bool> ContainsAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// A local file holding the blob's bytes (fetched first when remote), valid while the process
    /// runs; the caller must not modify or delete it. Throws <see cref="BlobNotFoundException"/>.
    /// </summary>
    ValueTask<string> LocalPathAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Stores at most <paramref name="maxBytes"/> from <paramref name="content"/> and returns its SHA-256 (storing the same bytes twice is a no-op).</summary>
    ValueTask<string> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Stores a copy of the file at <paramref name="path"/> and returns its SHA-256.</summary>
    ValueTask<string> PutFileAsync(string path, CancellationToken cancellationToken);
}
