using System.Security.Cryptography;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Storage;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Storage;

public sealed class DirectoryBlobStoreTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly DirectoryBlobStore _store;

    public DirectoryBlobStoreTests() => _store = new DirectoryBlobStore(new GatewayOptions { DataDirectory = _data.Path });

    [Fact]
    public async Task A_blob_is_named_by_the_sha256_of_its_bytes_and_kept_under_its_first_two_digits()
    {
        var bytes = RandomBytes(100_000, 1);

        var sha256 = await PutAsync(bytes);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256);
        var path = await _store.LocalPathAsync(sha256, CancellationToken.None);
        Assert.Equal(Path.Combine(_data.Path, "blobs", sha256[..2], sha256), path);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.True(await _store.ContainsAsync(sha256, CancellationToken.None));
    }

    [Fact]
    public async Task Storing_the_same_bytes_twice_keeps_one_file()
    {
        var bytes = RandomBytes(1000, 2);
        var first = await PutAsync(bytes);
        var written = File.GetLastWriteTimeUtc(_store.PathOf(first));

        var second = await PutAsync(bytes);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_store.PathOf(first)));
        Assert.Single(Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_and_different_bytes_all_land_whole_and_leave_no_temporary_file()
    {
        var same = RandomBytes(200_000, 3);
        var others = Enumerable.Range(10, 8).Select(seed => RandomBytes(50_000, seed)).ToArray();

        var names = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => PutAsync(i % 2 == 0 ? same : others[i / 2]))));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(same)), names[0]);
        Assert.All(names.Where((_, i) => i % 2 == 0), n => Assert.Equal(names[0], n));
        foreach (var name in names.Distinct())
        {
            var bytes = await File.ReadAllBytesAsync(_store.PathOf(name));
            Assert.Equal(name, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        Assert.Equal(9, Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task A_blob_over_the_limit_is_refused_and_nothing_is_kept()
    {
        var error = await Assert.ThrowsAsync<BlobTooLargeException>(() => PutAsync(RandomBytes(10_001, 4), maxBytes: 10_000));

        Assert.Equal(10_000, error.MaxBytes);
        Assert.Empty(Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories));
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(RandomBytes(10_000, 4))), await PutAsync(RandomBytes(10_000, 4), maxBytes: 10_000));
    }

    [Fact]
    public async Task A_check_that_refuses_the_file_keeps_nothing()
    {
        using var content = new MemoryStream(RandomBytes(100, 5));

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            _store.PutCheckedAsync(content, 1000, _ => throw new InvalidDataException("not wanted"), CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678/")]
    public async Task A_malformed_name_is_refused_before_it_reaches_the_file_system(string name)
    {
        Assert.Throws<ArgumentException>(() => _store.PathOf(name));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ContainsAsync(name, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => _store.LocalPathAsync(name, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task An_unknown_blob_is_not_found()
    {
        var sha256 = new string('a', 64);

        Assert.False(await _store.ContainsAsync(sha256, CancellationToken.None));
        var error = await Assert.ThrowsAsync<BlobNotFoundException>(() => _store.LocalPathAsync(sha256, CancellationToken.None).AsTask());
        Assert.Equal(sha256, error.Sha256);
    }

    [Fact]
    public async Task A_file_is_stored_as_a_copy_under_its_hash()
    {
        var source = _data.File("input.bin");
        await File.WriteAllBytesAsync(source, RandomBytes(5000, 6));

        var sha256 = await _store.PutFileAsync(source, CancellationToken.None);

        File.Delete(source);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RandomBytes(5000, 6))), sha256);
        Assert.True(await _store.ContainsAsync(sha256, CancellationToken.None));
    }

    [Fact]
    public void Temporary_files_left_by_a_crash_are_removed_at_the_next_start()
    {
        var leftover = Path.Combine(_store.Root, ".put-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(leftover, "half a blob");

        _ = new DirectoryBlobStore(new GatewayOptions { DataDirectory = _data.Path });

        Assert.False(File.Exists(leftover));
    }

    public void Dispose() => _data.Dispose();

    private async Task<string> PutAsync(byte[] bytes, long maxBytes = long.MaxValue)
    {
        using var stream = new MemoryStream(bytes);
        return await _store.PutAsync(stream, maxBytes, CancellationToken.None);
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
