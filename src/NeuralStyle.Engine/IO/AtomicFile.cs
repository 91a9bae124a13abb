namespace NeuralStyle.Engine.IO;

/// <summary>
/// Writes a file so that readers see either nothing or the whole file: the bytes go to a
/// temporary sibling that is renamed over the target only once complete.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/>; on any failure the target is untouched and no temp file remains.</summary>
    public static void Write(string path, Action<Stream> write) =>
        WriteWith(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            write(stream);
        });

    /// <summary>Lets <paramref name="writeTo"/> produce the temporary file by path (for native writers), then renames it.</summary>
    public static void WriteWith(string path, Action<string> writeTo)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot create directory '{directory}': {e.Message}", e);
        }
        var temporary = Path.Combine(directory, TemporaryName());
        try
        {
            writeTo(temporary);
            // Checked again at the last moment: a rename replaces whatever is there, devices included.
            if (FileMetadata.Of(fullPath).Kind is FileKind.Other or FileKind.Directory)
            {
                throw new OutputFileException($"cannot write '{path}': it is a directory, device, FIFO or socket, not a file");
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot write '{path}': {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// A fresh hidden name for a temporary file: short and of fixed length (21 bytes), so that any
    /// target name the file system allows has a temporary sibling it allows too.
    /// </summary>
    internal static string TemporaryName() => $".nsf-{Guid.NewGuid():N}"[..17] + ".tmp";
}
