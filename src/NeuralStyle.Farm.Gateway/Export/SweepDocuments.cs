using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Grids;

namespace NeuralStyle.Farm.Gateway.Export;

/// <summary>
/// Grid pages and exports of a sweep from the farm's state and blobs. Pages are drawn into a
/// temporary directory of the call's own, then stored; an archive is built in such a directory
/// too and copied out asynchronously, so a slow reader holds a file, not memory.
/// </summary>
internal sealed class SweepDocuments(IBlobStore blobs) : ISweepDocuments
{
    public async Task<IReadOnlyList<GridPageView>> WriteGridsAsync(SweepDocument sweep, CancellationToken ct)
    {
        var planned = await PlannedSweep.PlanAsync(sweep, blobs, ct).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("nsf-grids-");
        try
        {
            var grids = await GridComposer.WriteAsync(sweep, planned, blobs, work.FullName, ct).ConfigureAwait(false);
            var pages = new List<GridPageView>(grids.Count);
            foreach (var grid in grids)
            {
                var sha256 = await blobs.PutFileAsync(Path.Combine(work.FullName, grid.File), ct).ConfigureAwait(false);
                pages.Add(new GridPageView(grid.Page, grid.File, sha256));
            }
            return pages;
        }
        finally
        {
            Remove(work);
        }
    }

    public async Task WriteDirectoryAsync(SweepDocument sweep, string directory, CancellationToken ct)
    {
        var export = await SweepExport.PrepareAsync(sweep, blobs, ct).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(directory, SweepFiles.RendersFolder));
        foreach (var (key, blob) in export.Results)
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(directory, SweepFiles.RenderImage(key));
            // Deleted first, so the copy never writes through a link left at that name.
            File.Delete(target);
            File.Copy(blob, target);
        }
        foreach (var key in export.Records.Select(r => r.Key).Distinct().Where(k => !export.Results.ContainsKey(k)))
        {
            // An image left by an earlier export or run is not this sweep's result: nsf sweep removes a failed render's too.
            File.Delete(Path.Combine(directory, SweepFiles.RenderImage(key)));
        }
        var grids = await GridComposer.WriteAsync(sweep, export.Planned, blobs, directory, ct).ConfigureAwait(false);
        // Last, so that sweep.json lists only files already written; a journal left by an earlier
        // nsf sweep run would replay over it on the next run, so it goes.
        export.Manifest(grids).Write(directory);
        File.Delete(Path.Combine(directory, SweepFiles.JournalFile));
    }

    public async Task WriteArchiveAsync(SweepDocument sweep, Stream zip, CancellationToken ct)
    {
        var export = await SweepExport.PrepareAsync(sweep, blobs, ct).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("nsf-archive-");
        try
        {
            var grids = await GridComposer.WriteAsync(sweep, export.Planned, blobs, work.FullName, ct).ConfigureAwait(false);
            // Grid pages are named grid-…; this name cannot be one of them.
            var archivePath = Path.Combine(work.FullName, "archive.zip");
            await using (var file = new FileStream(archivePath, FileMode.CreateNew, FileAccess.Write))
            {
                await SweepArchive.WriteAsync(file, export, grids, work.FullName, ct).ConfigureAwait(false);
            }
            var archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (archive.ConfigureAwait(false))
            {
                await archive.CopyToAsync(zip, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            Remove(work);
        }
    }

    private static void Remove(DirectoryInfo work)
    {
        try
        {
            work.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary directory costs disk space only; the call's outcome is what matters.
        }
    }
}
