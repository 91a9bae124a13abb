using System.Security.Cryptography;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Tests.Export;

/// <summary>A test double of the blob store: files named by their SHA-256 in a temporary directory, deleted on dispose.</summary>
internal sealed class TemporaryBlobStore : IBlobStore, IDisposable
{
    public TemporaryBlobStore()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("nsf-gateway-tests-blobs-").FullName;
    }

    public string Directory { get; }

    public ValueTask<bool> ContainsAsync(string sha256, CancellationToken cancellationToken) =>
        ValueTask.FromResult(File.Exists(PathOf(sha256)));

    public ValueTask<string> LocalPathAsync(string sha256, CancellationToken cancellationToken) =>
        File.Exists(PathOf(sha256)) ? ValueTask.FromResult(PathOf(sha256)) : throw new BlobNotFoundException(sha256);

    public async ValueTask<string> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".part");
        await using (var file = File.Create(temporary))
        {
            await content.CopyToAsync(file, cancellationToken);
            if (file.Length > maxBytes)
            {
                file.Close();
                File.Delete(temporary);
                throw new BlobTooLargeException(maxBytes);
            }
        }
        return Adopt(temporary);
    }

    public ValueTask<string> PutFileAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".part");
        File.Copy(path, temporary);
        return ValueTask.FromResult(Adopt(temporary));
    }

    public string Put(byte[] bytes)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(PathOf(sha256), bytes);
        return sha256;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test must not hide that test's own failure.
        }
    }

    private string PathOf(string sha256) => Path.Combine(Directory, sha256);

    private string Adopt(string temporary)
    {
        string sha256;
        using (var stream = File.OpenRead(temporary))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        File.Move(temporary, PathOf(sha256), overwrite: true);
        return sha256;
    }
}
