using System.Buffers;
using System.Security.Cryptography;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Storage;

/// <summary>
/// Blobs as files <c>&lt;data&gt;/blobs/ab/&lt;sha256&gt;</c>. A put streams into a temporary file
/// beside the blobs while hashing, then renames it into place: a reader never sees a partial blob,
/// two puts of the same bytes race harmlessly (the rename replaces identical bytes), and a crash
/// leaves only a temporary file, removed at the next start. Only a well-formed hash (64 lower-case
/// hex digits) ever becomes part of a path. Thread-safe.
/// </summary>
internal sealed class DirectoryBlobStore : IBlobStore
{
    private const string TemporaryPrefix = ".put-";
    private const int BufferBytes = 1 << 16;

    public DirectoryBlobStore(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Root = Path.Combine(Path.GetFullPath(options.DataDirectory), "blobs");
        Directory.CreateDirectory(Root);
        foreach (var leftover in Directory.EnumerateFiles(Root, TemporaryPrefix + "*"))
        {
            File.Delete(leftover);
        }
    }

    /// <summary>The directory holding the blobs.</summary>
    public string Root { get; }

    public ValueTask<bool> ContainsAsync(string sha256, CancellationToken cancellationToken) =>
        ValueTask.FromResult(File.Exists(PathOf(sha256)));

    public ValueTask<string> LocalPathAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? ValueTask.FromResult(path) : throw new BlobNotFoundException(sha256);
    }

    public async ValueTask<string> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken) =>
        (await PutCheckedAsync(content, maxBytes, check: null, cancellationToken)).Sha256;

    public async ValueTask<string> PutFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous);
        return await PutAsync(stream, long.MaxValue, cancellationToken);
    }

    /// <summary>
    /// Stores at most <paramref name="maxBytes"/> (else <see cref="BlobTooLargeException"/>) after
    /// <paramref name="check"/> accepted the complete temporary file (it throws to refuse it, and
    /// then nothing is stored); returns the hash and size.
    /// </summary>
    public async Task<(string Sha256, long Bytes)> PutCheckedAsync(Stream content, long maxBytes, Action<string>? check,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(Root, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var (sha256, bytes) = await WriteHashedAsync(content, temporary, maxBytes, cancellationToken);
            check?.Invoke(temporary);
            var final = PathOf(sha256);
            if (!File.Exists(final))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                // Overwrite: a concurrent put of the same bytes may have won; replacing identical bytes is atomic and harmless.
                File.Move(temporary, final, overwrite: true);
            }
            return (sha256, bytes);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file of a blob (which may not exist); a malformed name is an <see cref="ArgumentException"/> before any file-system access.</summary>
    public string PathOf(string sha256) => Sha256Hex.IsWellFormed(sha256)
        ? Path.Combine(Root, sha256[..2], sha256)
        : throw new ArgumentException(Sha256Hex.Check("sha256", sha256, "blob")!.Message, nameof(sha256));

    private static async Task<(string Sha256, long Bytes)> WriteHashedAsync(Stream content, string path, long maxBytes,
        CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new BlobTooLargeException(maxBytes);
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await file.FlushAsync(cancellationToken);
            // On disk before the rename publishes it: a blob's name must never point at lost bytes after a crash.
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }
}
