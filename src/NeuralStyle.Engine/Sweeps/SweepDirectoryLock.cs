using System.Text.RegularExpressions;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Exclusive use of a sweep directory for one run: DIR/.sweep.lock opened with FileShare.None,
/// which .NET takes as flock(LOCK_EX | LOCK_NB) on Linux. The kernel drops the lock when the
/// process ends however it ends, so a killed run never leaves the directory locked. Two runs
/// would render the same points twice and each rewrite the other's sweep.json.
/// </summary>
internal sealed partial class SweepDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private SweepDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, or fails at once when another run holds it; then removes what killed runs left.</summary>
    public static SweepDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, SweepFiles.LockFile);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new OutputFileException(
                $"another nsf sweep is running in '{directory}' (it holds {SweepFiles.LockFile}); wait for it to finish or stop it, then run again", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot lock the sweep directory '{directory}': {e.Message}", e);
        }
        var held = new SweepDirectoryLock(file);
        RemoveStaleTemporaries(directory);
        return held;
    }

    /// <summary>
    /// Atomic writes go through .NAME.&lt;32 hex&gt;.tmp siblings; one still there was left by a run
    /// that was killed mid-write, since no other run can be writing here while we hold the lock.
    /// </summary>
    private static void RemoveStaleTemporaries(string directory)
    {
        foreach (var folder in new[] { directory, Path.Combine(directory, SweepFiles.RendersFolder) })
        {
            try
            {
                foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp").Where(f => Temporary().IsMatch(Path.GetFileName(f))))
                {
                    File.Delete(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover we cannot remove costs only disk space.
            }
        }
    }

    public void Dispose() => _file.Dispose();

    // AtomicFile.TemporaryName(): ".nsf-" and 12 hex digits.
    [GeneratedRegex(@"^\.nsf-[0-9a-f]{12}\.tmp$")]
    private static partial Regex Temporary();
}
