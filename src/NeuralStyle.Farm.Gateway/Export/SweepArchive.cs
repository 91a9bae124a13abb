using System.IO.Compression;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Farm.Gateway.Export;

/// <summary>
/// The zip of a sweep: the same relative paths and bytes as a directory export (sweep.json,
/// renders/&lt;key&gt;.png, grid pages). PNGs are stored, not deflated: they are compressed already.
/// </summary>
internal static class SweepArchive
{
    /// <summary>Writes the archive to <paramref name="zip"/>; grid pages are read from <paramref name="gridDirectory"/>.</summary>
    public static async Task WriteAsync(Stream zip, SweepExport export, IReadOnlyList<SweepGridRecord> grids, string gridDirectory, CancellationToken ct)
    {
        var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        await using (archive.ConfigureAwait(false))
        {
            foreach (var (key, blob) in export.Results.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                await archive.CreateEntryFromFileAsync(blob, SweepFiles.RenderImage(key), CompressionLevel.NoCompression, ct).ConfigureAwait(false);
            }
            foreach (var grid in grids)
            {
                await archive.CreateEntryFromFileAsync(Path.Combine(gridDirectory, grid.File), grid.File, CompressionLevel.NoCompression, ct).ConfigureAwait(false);
            }
            var manifest = archive.CreateEntry(SweepManifest.FileName, CompressionLevel.Optimal);
            var entry = await manifest.OpenAsync(ct).ConfigureAwait(false);
            await using (entry.ConfigureAwait(false))
            {
                export.Manifest(grids).WriteTo(entry);
            }
        }
    }
}
