using System.IO.Compression;
using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests;

public sealed class GatewayFarmTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private GatewayHarness _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await GatewayHarness.StartAsync(_data.Path, o => o with { MaxImagePixels = 40 * 30, MaxImageBytes = 100_000, MaxWeightsBytes = 100_000 });

    [Fact]
    public async Task An_uploaded_image_is_checked_stored_and_described()
    {
        var path = _data.File("image.png");
        TestInputs.WritePng(path, 40, 30, 1);

        var blob = await PutAsync(path, BlobKind.Image);

        Assert.Equal((BlobKind.Image, 40, 30, new FileInfo(path).Length), (blob.Kind, blob.Width, blob.Height, blob.Bytes));
        Assert.True(await _gateway.Farm.HasBlobAsync(blob.Sha256, CancellationToken.None));
        await using var stored = (await _gateway.Farm.OpenBlobAsync(blob.Sha256, CancellationToken.None))!;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(await File.ReadAllBytesAsync(path), copy.ToArray());
    }

    [Fact]
    public async Task An_image_over_the_pixel_limit_is_refused_as_too_large_and_not_kept()
    {
        var path = _data.File("wide.png");
        TestInputs.WritePng(path, 41, 30, 1);

        var error = await Assert.ThrowsAsync<FarmRequestException>(() => PutAsync(path, BlobKind.Image));

        Assert.Equal((ErrorCode.ImageTooLarge, 413), (error.Code, error.Status));
        Assert.DoesNotContain(_data.Path, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_gateway.Blobs.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_upload_over_the_byte_limit_is_refused_as_too_large()
    {
        using var big = new MemoryStream(new byte[100_001]);

        var error = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.PutBlobAsync(big, BlobKind.Image, CancellationToken.None));

        Assert.Equal((ErrorCode.ImageTooLarge, 413), (error.Code, error.Status));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_as_unreadable_without_naming_the_gateway_s_files()
    {
        using var text = new MemoryStream("not an image at all"u8.ToArray());

        var error = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.PutBlobAsync(text, BlobKind.Image, CancellationToken.None));

        Assert.Equal((ErrorCode.ImageUnreadable, 415), (error.Code, error.Status));
        Assert.DoesNotContain(_gateway.Blobs.Root, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_gateway.Blobs.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Weights_are_checked_from_their_header()
    {
        var good = _data.File("conv1_1.safetensors");
        TestInputs.WriteWeights(good);
        using var bad = new MemoryStream(new byte[64]);

        var blob = await PutAsync(good, BlobKind.Weights);
        var error = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.PutBlobAsync(bad, BlobKind.Weights, CancellationToken.None));

        Assert.Equal((BlobKind.Weights, null), (blob.Kind, blob.Width));
        Assert.Equal((ErrorCode.WeightsInvalid, 422), (error.Code, error.Status));
    }

    [Fact]
    public async Task Malformed_ids_are_refused_before_any_lookup_and_unknown_ones_are_not_found()
    {
        foreach (var call in new Func<Task>[]
        {
            () => _gateway.Farm.HasBlobAsync("../../farm.db", CancellationToken.None),
            () => _gateway.Farm.OpenBlobAsync("ABC", CancellationToken.None),
            () => _gateway.Farm.GetRenderAsync("/etc/passwd", CancellationToken.None),
        })
        {
            var error = await Assert.ThrowsAsync<FarmRequestException>(call);
            Assert.Equal(400, error.Status);
        }
        var unknown = new string('f', 64);
        Assert.False(await _gateway.Farm.HasBlobAsync(unknown, CancellationToken.None));
        Assert.Null(await _gateway.Farm.OpenBlobAsync(unknown, CancellationToken.None));
        Assert.Null(await _gateway.Farm.GetRenderAsync(unknown, CancellationToken.None));
        Assert.Null(await _gateway.Farm.GetSweepAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_sweep_s_archive_is_written_once_it_finished_and_not_while_it_runs()
    {
        var inputs = await TestInputs.UploadAsync(_gateway.Farm, _data.Path);
        var sweep = (await _gateway.Farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec()), CancellationToken.None)).Id;
        using var zip = new MemoryStream();

        var running = await Assert.ThrowsAsync<FarmRequestException>(() => _gateway.Farm.WriteArchiveAsync(sweep, zip, CancellationToken.None));
        _gateway.Heartbeat();
        await _gateway.CompleteAsync(await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the only render"));
        await _gateway.WaitForEventAsync(sweep, FarmEventTypes.SweepCompleted);

        Assert.Equal(409, running.Status);
        Assert.True(await _gateway.Farm.WriteArchiveAsync(sweep, zip, CancellationToken.None));
        Assert.False(await _gateway.Farm.WriteArchiveAsync(Guid.NewGuid(), zip, CancellationToken.None));
        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        Assert.Contains(archive.Entries, e => e.FullName == "sweep.json");
        var summary = Assert.Single(await _gateway.Farm.ListSweepsAsync(CancellationToken.None));
        Assert.Equal((sweep, SweepStatus.Completed, new SweepCounts(0, 0, 1, 0, 0)), (summary.Id, summary.Status, summary.Counts));
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    public void Dispose() => _data.Dispose();

    private async Task<BlobInfo> PutAsync(string path, BlobKind kind)
    {
        await using var stream = File.OpenRead(path);
        return await _gateway.Farm.PutBlobAsync(stream, kind, CancellationToken.None);
    }
}
