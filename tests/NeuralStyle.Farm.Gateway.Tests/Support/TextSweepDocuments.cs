using System.IO.Compression;
using System.Text;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Storage;

namespace NeuralStyle.Farm.Gateway.Tests.Support;

/// <summary>
/// The grid composer's double for unit tests whose renders have no real images: one text blob per
/// page listing its cells, and an archive holding only sweep.json.
/// </summary>
internal sealed class TextSweepDocuments(DirectoryBlobStore blobs) : ISweepDocuments
{
    public async Task<IReadOnlyList<GridPageView>> WriteGridsAsync(SweepDocument sweep, CancellationToken ct)
    {
        var pages = new List<GridPageView>();
        foreach (var page in sweep.Cells.GroupBy(c => c.Page).OrderBy(p => p.Key))
        {
            var text = string.Join('\n', page.Select(c => $"{c.Row},{c.Column} {c.Key} {c.Status} {c.ResultSha256}"));
            using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(text));
            pages.Add(new GridPageView(page.Key, $"grid-{page.Key + 1:D2}.png", await blobs.PutAsync(bytes, long.MaxValue, ct)));
        }
        return pages;
    }

    public async Task WriteArchiveAsync(SweepDocument sweep, Stream zip, CancellationToken ct)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        await using var entry = archive.CreateEntry("sweep.json").Open();
        await entry.WriteAsync(Encoding.UTF8.GetBytes(FarmJson.Serialize(sweep)), ct);
    }

    public Task WriteDirectoryAsync(SweepDocument sweep, string directory, CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(directory, "sweep.json"), FarmJson.Serialize(sweep), ct);
}
