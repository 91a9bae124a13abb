using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Execution;

/// <summary>
/// Writes renders into files: each job's PNG (and trace, when it has a report path) where
/// <c>filesOf</c> says, snapshots beside the PNG, each file atomically and the PNG and trace both
/// or neither. A failed job loses the snapshots it wrote, and its PNG and trace; never a PNG that
/// another job wrote successfully through this store or that <c>keep</c> names (a sweep's renders
/// already done, which a failing duplicate on another device must not take away).
/// Thread-safe.
/// </summary>
public sealed class DirectoryRenderArtifacts : IRenderArtifacts
{
    /// <summary>An 8192 px render is about 200 MB of PNG; a file past this is not one of ours.</summary>
    private const long MaxResultBytes = 1L << 30;

    private readonly Func<RenderJob, RenderFiles> _filesOf;
    private readonly bool _removesUnownedResults;
    private readonly Lock _lock = new();

    /// <summary>Snapshots written for jobs not finished yet, by job id: removed if the job fails.</summary>
    private readonly Dictionary<string, List<string>> _snapshots = new(StringComparer.Ordinal);

    /// <summary>Result PNGs (full paths) a failure must leave alone, and the job that wrote each (null: kept from before).</summary>
    private readonly Dictionary<string, string?> _kept = new(StringComparer.Ordinal);

    /// <summary>
    /// A store writing each job's files where <paramref name="filesOf"/> says.
    /// <paramref name="removesUnownedResults"/>: a failed job also removes a PNG at its path that
    /// this store did not write (a sweep's stale image from an interrupted run); false leaves such a
    /// file alone (nsf render never deletes what it did not write). <paramref name="keep"/>: PNGs
    /// never removed.
    /// </summary>
    public DirectoryRenderArtifacts(Func<RenderJob, RenderFiles> filesOf, bool removesUnownedResults = false,
        IEnumerable<string>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(filesOf);
        _filesOf = filesOf;
        _removesUnownedResults = removesUnownedResults;
        foreach (var path in keep ?? [])
        {
            _kept[Path.GetFullPath(path)] = null;
        }
    }

    /// <summary>One output PNG and optional trace, for every job (nsf render's single job).</summary>
    public static DirectoryRenderArtifacts ForOutput(string imagePath, string? reportPath) =>
        new(_ => new RenderFiles(imagePath, reportPath));

    /// <inheritdoc />
    public ValueTask WriteSnapshotAsync(RenderJob job, RenderProgress progress, CancellationToken cancellationToken)
    {
        var path = RenderSnapshots.PathFor(_filesOf(job).Image, progress.Iteration);
        lock (_lock)
        {
            // Noted before writing, so a failure mid-write still removes it (the write is atomic).
            (_snapshots.TryGetValue(job.Id, out var written) ? written : _snapshots[job.Id] = []).Add(path);
        }
        RenderSnapshots.WriteTo(path, job.Request.Settings, progress);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<RenderArtifact> WriteResultAsync(RenderJob job, RenderResult result, CancellationToken cancellationToken)
    {
        var files = _filesOf(job);
        if (files.Report is { } report)
        {
            AtomicFile.Write(report, stream =>
            {
                using var writer = new StreamWriter(stream);
                writer.Write(RenderTraceJson.Serialize(result.Trace));
            });
        }
        var metadata = new Dictionary<string, string>(RenderMetadata.For(result.Trace));
        foreach (var (key, value) in job.Metadata)
        {
            metadata[key] = value;
        }
        try
        {
            ImageFile.WritePng(files.Image, result.Image, metadata);
        }
        catch (OutputFileException) when (files.Report is not null)
        {
            File.Delete(files.Report);
            throw;
        }
        // Hashed as it lies on disk, so a later run can tell this file from a truncated or replaced one.
        var sha256 = InputFiles.Sha256(files.Image, MaxResultBytes,
            problem => new OutputFileException($"cannot read back '{files.Image}' after writing it: {problem}"));
        lock (_lock)
        {
            // Its snapshots stay noted: a sink may still fail the job, which then loses them too.
            _kept[Path.GetFullPath(files.Image)] = job.Id;
        }
        return ValueTask.FromResult(new RenderArtifact(files.Image, sha256, files.Report));
    }

    /// <inheritdoc />
    public ValueTask DiscardAsync(RenderJob job, CancellationToken cancellationToken)
    {
        var files = _filesOf(job);
        var image = Path.GetFullPath(files.Image);
        List<string> remove;
        lock (_lock)
        {
            var snapshots = _snapshots.Remove(job.Id, out var written) ? written : [];
            var owned = _kept.TryGetValue(image, out var owner);
            if (owned && owner != job.Id)
            {
                // Another job made this PNG (its snapshots have the same names): nothing here is this job's alone.
                return ValueTask.CompletedTask;
            }
            _kept.Remove(image);
            remove = snapshots;
            if (owned || _removesUnownedResults)
            {
                remove.Add(files.Image);
                if (files.Report is not null)
                {
                    remove.Add(files.Report);
                }
            }
        }
        // Named one by one rather than listed from the directory, which may hold many other renders.
        foreach (var file in remove)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover costs only disk space: the render is reported failed and a rerun replaces it.
            }
        }
        return ValueTask.CompletedTask;
    }
}
