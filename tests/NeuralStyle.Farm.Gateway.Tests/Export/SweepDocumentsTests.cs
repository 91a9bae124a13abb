using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Export;

namespace NeuralStyle.Farm.Gateway.Tests.Export;

/// <summary>Grid pages stored as blobs, and exports that are exactly what nsf sweep --out writes.</summary>
public sealed class SweepDocumentsTests : IDisposable
{
    private readonly TinySweep _sweep = new();
    private readonly TemporaryDirectory _out = new();

    private SweepDocuments Documents => new(_sweep.Blobs);

    /// <summary>Cell 1 failed, cell 6 still queued, the rest succeeded.</summary>
    private SweepDocument Mixed(bool traces = true) => _sweep.Document(i => i switch
    {
        1 => FarmRenderStatus.Failed,
        6 => FarmRenderStatus.Queued,
        _ => FarmRenderStatus.Succeeded,
    }, traces);

    [Fact]
    public async Task Grid_pages_are_stored_as_blobs_under_the_names_nsf_sweep_gives_them()
    {
        var pages = await Documents.WriteGridsAsync(Mixed(), CancellationToken.None);

        Assert.Equal([(0, "grid-01-chelsea-brick.png"), (1, "grid-02-hubble-brick.png")], pages.Select(p => (p.Page, p.File)));
        foreach (var page in pages)
        {
            var path = await _sweep.Blobs.LocalPathAsync(page.Sha256!, CancellationToken.None);
            Assert.Equal(page.Sha256, Sha256(File.ReadAllBytes(path)));
            var (width, height) = ImageFile.Probe(path);
            Assert.True(width > 2 * TinySweep.ResultWidth && height > 2 * TinySweep.ResultHeight, $"a page of two by two tiles, got {width}x{height}");
        }
    }

    [Fact]
    public async Task A_directory_export_is_sweep_json_in_the_farms_words_the_results_byte_for_byte_and_the_grid_pages()
    {
        var document = Mixed();

        await Documents.WriteDirectoryAsync(document, _out.Path, CancellationToken.None);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out.Path, "sweep.json")));
        var renders = json.RootElement.GetProperty("renders").EnumerateArray().ToArray();
        Assert.Equal(["succeeded", "failed", "succeeded", "succeeded", "succeeded", "succeeded", "queued", "succeeded"],
            renders.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(document.Cells.Select(c => c.Key), renders.Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(("tiny farm sweep", _sweep.Weights, 0), (json.RootElement.GetProperty("title").GetString(),
            json.RootElement.GetProperty("weights_sha256").GetString(), json.RootElement.GetProperty("model_loads").GetInt32()));
        var first = renders[0];
        Assert.Equal(("chelsea.png", _sweep.Contents[0]), (first.GetProperty("content").GetProperty("path").GetString(), first.GetProperty("content").GetProperty("sha256").GetString()));
        Assert.Equal("brick.png", first.GetProperty("styles")[0].GetProperty("path").GetString());
        Assert.Equal("vgg19-random.safetensors", first.GetProperty("settings").GetProperty("weights").GetString());
        Assert.Equal(("0", "1e-4"), (first.GetProperty("coordinates").GetProperty("tv_weight").GetString(), first.GetProperty("coordinates").GetProperty("alpha_beta").GetString()));
        Assert.Equal(("render_diverged", "every image diverged at iteration 2 (cell 1)"),
            (renders[1].GetProperty("error_code").GetString(), renders[1].GetProperty("error").GetString()));
        Assert.False(renders[1].TryGetProperty("image", out _));

        foreach (var cell in document.Cells.Where(c => c.Status == FarmRenderStatus.Succeeded))
        {
            var image = renders[cell.Index].GetProperty("image").GetString()!;
            Assert.Equal(SweepFiles.RenderImage(cell.Key), image);
            Assert.Equal(File.ReadAllBytes(await _sweep.Blobs.LocalPathAsync(cell.ResultSha256!, CancellationToken.None)), File.ReadAllBytes(Path.Combine(_out.Path, image)));
            Assert.Equal(cell.ResultSha256, renders[cell.Index].GetProperty("image_sha256").GetString());
        }
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_out.Path, "renders")).Length);
        var grids = json.RootElement.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("file").GetString()!).ToArray();
        Assert.Equal(["grid-01-chelsea-brick.png", "grid-02-hubble-brick.png"], grids);
        Assert.All(grids, g => Assert.True(File.Exists(Path.Combine(_out.Path, g)), $"{g} written"));
        Assert.Equal(["grid-01-chelsea-brick.png", "grid-02-hubble-brick.png", "sweep.json"],
            Directory.GetFiles(_out.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sweep_json_from_the_farm_reads_back_as_a_sweep_manifest()
    {
        await Documents.WriteDirectoryAsync(Mixed(), _out.Path, CancellationToken.None);

        var manifest = SweepManifest.TryRead(_out.Path);

        Assert.NotNull(manifest);
        Assert.Equal([RenderStatus.Succeeded, RenderStatus.Failed], manifest.Renders.Take(2).Select(r => r.Status));
        Assert.Equal(RenderStatus.Queued, manifest.Renders[6].Status);
        Assert.Equal(2, manifest.Grids.Count);
    }

    [Fact]
    public async Task Final_losses_are_the_traces_last_iteration_and_without_a_trace_the_reported_losses()
    {
        using var withoutTraces = new TemporaryDirectory();

        await Documents.WriteDirectoryAsync(Mixed(), _out.Path, CancellationToken.None);
        await Documents.WriteDirectoryAsync(Mixed(traces: false), withoutTraces.Path, CancellationToken.None);

        var traced = SweepManifest.TryRead(_out.Path)!.Renders;
        var reported = SweepManifest.TryRead(withoutTraces.Path)!.Renders;
        Assert.Equal((TinySweep.TraceTotal(3), 2, 2.0), (traced[3].Final!.Total, traced[3].Final!.Iteration, traced[3].Final!.StyleLayers["relu1_1"]));
        Assert.Equal((TinySweep.ReportedLosses(3).Total, 3.0), (reported[3].Final!.Total, reported[3].Final!.Tv));
        Assert.Equal(TinySweep.ReportedLosses(1).Total, traced[1].Final!.Total);
        Assert.Null(traced[6].Final);
    }

    [Fact]
    public async Task A_directory_export_over_a_sweep_with_a_failed_render_leaves_no_image_for_it()
    {
        var document = Mixed();
        var failed = Path.Combine(_out.Path, SweepFiles.RenderImage(document.Cells[1].Key));
        Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
        File.WriteAllBytes(failed, File.ReadAllBytes(await _sweep.Blobs.LocalPathAsync(document.Cells[0].ResultSha256!, CancellationToken.None)));
        File.WriteAllText(Path.Combine(_out.Path, SweepFiles.JournalFile), "{}\n");

        await Documents.WriteDirectoryAsync(document, _out.Path, CancellationToken.None);

        Assert.False(File.Exists(failed), "the failed render's image is removed, as nsf sweep removes it");
        Assert.False(File.Exists(Path.Combine(_out.Path, SweepFiles.JournalFile)), "an earlier run's journal would replay over sweep.json");
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_out.Path, "renders")).Length);
    }

    [Fact]
    public async Task The_archive_holds_the_directory_exports_files_with_the_same_bytes_written_asynchronously()
    {
        var document = Mixed();
        await Documents.WriteDirectoryAsync(document, _out.Path, CancellationToken.None);
        var body = new AsyncOnlyStream();

        await Documents.WriteArchiveAsync(document, body, CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(body.Written.ToArray()), ZipArchiveMode.Read);
        var files = Directory.GetFiles(_out.Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_out.Path, f), File.ReadAllBytes);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(9, files.Count);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            Assert.True(files[entry.FullName].AsSpan().SequenceEqual(bytes.ToArray()), $"{entry.FullName} has the directory export's bytes");
        }
    }

    [Fact]
    public async Task A_cell_without_a_well_formed_key_is_refused_before_any_file_is_named_by_it()
    {
        var document = Mixed();
        var forged = document with { Cells = [.. document.Cells.Select(c => c.Index == 0 ? c with { Key = "../../etc/passwd" } : c)] };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Documents.WriteDirectoryAsync(forged, _out.Path, CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(_out.Path));
    }

    public void Dispose()
    {
        _out.Dispose();
        _sweep.Dispose();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>What a response body is like: forward only, and synchronous writes refused.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("synchronous I/O is not allowed");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous I/O is not allowed");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
