using System.Text.Json;
using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// DIR/sweep.journal: one JSON line per render finished since sweep.json was last written whole,
/// flushed after every batch. Progress costs one line per render instead of a rewrite of
/// sweep.json per batch (quadratic in the sweep's size). A run that is killed leaves the
/// journal behind; the next run replays it over sweep.json, skipping a line torn by the kill.
/// </summary>
internal sealed class SweepJournal : IDisposable
{
    /// <summary>A record is about 1.5 KB; a longer line is not one of ours and is skipped.</summary>
    private const int MaxLineBytes = 1 << 20;

    private readonly FileStream _file;
    private readonly string _path;

    private SweepJournal(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>An empty journal, replacing one whose records the caller has already written into sweep.json.</summary>
    public static SweepJournal Start(string directory)
    {
        var path = Path.Combine(directory, SweepFiles.JournalFile);
        try
        {
            // Deleted first so that CreateNew never follows a link planted at that name.
            File.Delete(path);
            return new SweepJournal(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot write '{path}': {e.Message}", e);
        }
    }

    /// <summary>Buffers one record's line; serialised whole first, so a failure never leaves half a line.</summary>
    public void Append(SweepRenderRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, SweepManifest.LineOptions);
        Write(() =>
        {
            _file.Write(line);
            _file.WriteByte((byte)'\n');
        });
    }

    /// <summary>Makes the lines appended so far durable: after this, a killed run loses none of those renders.</summary>
    public void Flush() => Write(() => _file.Flush(flushToDisk: true));

    /// <summary>Closes and deletes the journal once sweep.json holds everything it recorded.</summary>
    public void Fold()
    {
        _file.Dispose();
        File.Delete(_path);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The records of DIR/sweep.journal in order, skipping lines that are torn, too long or not records.</summary>
    public static IReadOnlyList<SweepRenderRecord> Replay(string directory, long maxBytes)
    {
        var records = new List<SweepRenderRecord>();
        var path = Path.Combine(directory, SweepFiles.JournalFile);
        if (FileMetadata.Of(path).Kind == FileKind.Missing)
        {
            return records;
        }
        try
        {
            using var stream = InputFiles.OpenRead(path, maxBytes, message => new InputFileException(message));
            ReadLines(stream, line => AddRecord(line, records));
        }
        catch (Exception e) when (e is NeuralStyleException or IOException or UnauthorizedAccessException)
        {
            // A journal we cannot read only costs re-rendering what it recorded.
        }
        return records;
    }

    private static void ReadLines(Stream stream, Action<ReadOnlySpan<byte>> onLine)
    {
        var line = new MemoryStream();
        var skipping = false;
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var rest = buffer.AsSpan(0, read);
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf((byte)'\n');
                var part = end < 0 ? rest : rest[..end];
                if (!skipping && line.Length + part.Length > MaxLineBytes)
                {
                    skipping = true;
                }
                if (!skipping)
                {
                    line.Write(part);
                }
                if (end < 0)
                {
                    break;
                }
                if (!skipping)
                {
                    onLine(line.GetBuffer().AsSpan(0, (int)line.Length));
                }
                line.SetLength(0);
                skipping = false;
                rest = rest[(end + 1)..];
            }
        }
        // A last line without its newline was being written when the run was killed: it parses only if complete.
        if (!skipping && line.Length > 0)
        {
            onLine(line.GetBuffer().AsSpan(0, (int)line.Length));
        }
    }

    private static void AddRecord(ReadOnlySpan<byte> line, List<SweepRenderRecord> records)
    {
        try
        {
            if (JsonSerializer.Deserialize<SweepRenderRecord>(line, SweepManifest.LineOptions) is { } record)
            {
                records.Add(record);
            }
        }
        catch (JsonException)
        {
            // Torn by a kill mid-write, or not ours: that render is simply not known to be done.
        }
    }

    private void Write(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot write '{_path}': {e.Message}", e);
        }
    }
}
