using System.Text;

namespace NeuralStyle.Engine.IO;

/// <summary>
/// Checks, before any work, that an output can be created where it is asked for: its name fits the
/// file system, it is not a directory, and its directory can be created and holds a new file of
/// the kind <see cref="AtomicFile"/> writes first. Nothing is left behind by the check.
/// </summary>
public static class OutputProbe
{
    /// <summary>NAME_MAX on Linux file systems: the longest file name, in bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>PATH_MAX on Linux less its terminating NUL: the longest path, in bytes.</summary>
    public const int MaxPathBytes = 4095;

    /// <summary>Throws <see cref="OutputFileException"/> unless the file <paramref name="path"/> (given as <paramref name="option"/>) can be written.</summary>
    public static void RequireCreatable(string option, string path)
    {
        var full = FullPath(option, path);
        var name = Path.GetFileName(full);
        if (name.Length == 0 || Directory.Exists(full))
        {
            throw new OutputFileException($"{option} '{path}' is a directory; give a file name");
        }
        if (FileMetadata.Of(full).Kind == FileKind.Other)
        {
            // A rename over /dev/null or a FIFO would replace it with a regular file.
            throw new OutputFileException($"{option} '{path}' is a device, FIFO or socket, not a file; give a file name");
        }
        var nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes > MaxNameBytes)
        {
            throw new OutputFileException(
                $"{option} '{path}': the file name is {nameBytes} bytes long; file systems allow at most {MaxNameBytes}");
        }
        RequireDirectory(option, path, Path.GetDirectoryName(full)!);
    }

    /// <summary>Throws <see cref="OutputFileException"/> unless <paramref name="path"/> is, or can be created as, a directory that takes new files.</summary>
    public static void RequireWritableDirectory(string option, string path) =>
        RequireDirectory(option, path, FullPath(option, path));

    private static string FullPath(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0'))
        {
            throw new OutputFileException($"{option} '{path}' is not a usable path");
        }
        var full = Path.GetFullPath(path);
        var bytes = Encoding.UTF8.GetByteCount(full);
        if (bytes > MaxPathBytes - 32)
        {
            // 32 bytes of room: the temporary sibling and the snapshot names are a little longer.
            throw new OutputFileException($"{option} '{path}': the path is {bytes} bytes long; Linux allows at most {MaxPathBytes}");
        }
        return full;
    }

    private static void RequireDirectory(string option, string path, string directory)
    {
        // The directories this check creates are removed again, so a render that then fails on its
        // inputs leaves nothing; the real write creates them once more.
        var missing = new List<string>();
        for (var d = directory; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            missing.Add(d);
        }
        if (missing.FirstOrDefault(File.Exists) is { } file)
        {
            throw new OutputFileException($"{option} '{path}' cannot be written: '{file}' is a file, not a directory");
        }
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, AtomicFile.TemporaryName());
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write).Dispose();
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"{option} '{path}' cannot be written: no new file can be created in '{directory}' ({e.Message})", e);
        }
        finally
        {
            foreach (var created in missing.Where(Directory.Exists))
            {
                TryRemoveEmpty(created);
            }
        }
    }

    private static void TryRemoveEmpty(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone else put something there meanwhile: it is theirs to keep.
        }
    }
}
