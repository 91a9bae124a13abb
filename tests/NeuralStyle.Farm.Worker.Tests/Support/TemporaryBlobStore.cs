using System.Security.Cryptography;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Worker.Tests.Support;

/// <summary>A unit-test blob store: files named by their SHA-256 in a temporary directory.</summary>
public sealed class TemporaryBlobStore : IBlobStore, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nsf-worker-blobs-" + Guid.NewGuid().ToString("N"));

    public TemporaryBlobStore() => Directory.CreateDirectory(_directory);

    public ValueTask<bool> ContainsAsync(string sha256, CancellationToken cancellationToken) =>
        ValueTask.FromResult(File.Exists(PathOf(sha256)));

    public ValueTask<string> LocalPathAsync(string sha256, CancellationToken cancellationToken) =>
        File.Exists(PathOf(sha256)) ? ValueTask.FromResult(PathOf(sha256)) : throw new BlobNotFoundException(sha256);

    public async ValueTask<string> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > maxBytes)
        {
            throw new BlobTooLargeException(maxBytes);
        }
        return Put(buffer.ToArray());
    }

    public ValueTask<string> PutFileAsync(string path, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Put(File.ReadAllBytes(path)));

    /// <summary>Stores <paramref name="bytes"/> and returns their name.</summary>
    public string Put(byte[] bytes)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(PathOf(sha256), bytes);
        return sha256;
    }

    public string PathOf(string sha256) => Path.Combine(_directory, sha256);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test must not hide that test's own failure.
        }
    }
}
