using System.IO.Compression;
using System.Text.RegularExpressions;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// Extracts a sweep's zip from the gateway into a directory as <c>nsf sweep --out</c> leaves it.
/// The archive is untrusted: only the names a sweep writes are accepted (<c>sweep.json</c>,
/// <c>renders/&lt;hex&gt;.png</c>, <c>grid-….png</c>, each matched whole, so no entry can name a
/// parent, an absolute path or another folder); every entry is checked before anything is written;
/// each file is written whole or not at all, and bounded in bytes while it is inflated.
/// </summary>
internal static partial class SweepArchive
{
    /// <summary>Largest file taken from an archive (an image file's own limit is 512 MiB).</summary>
    public const long MaxEntryBytes = 1L << 30;

    /// <summary>Most entries: a sweep's renders at the planner's ceiling, its pages and its manifest.</summary>
    public const int MaxEntries = 2 * SweepSpecLimits.MaxRendersCeiling;

    /// <summary>Writes the archive at <paramref name="zipPath"/> into <paramref name="directory"/>; returns the names written.</summary>
    public static IReadOnlyList<string> Extract(string zipPath, string directory)
    {
        using var zip = OpenZip(zipPath);
        var entries = Checked(zip);
        foreach (var entry in entries)
        {
            var target = Path.Combine(directory, entry.FullName.Replace('/', Path.DirectorySeparatorChar));
            AtomicFile.Write(target, output =>
            {
                using var input = entry.Open();
                CopyBounded(input, output, entry.FullName);
            });
        }
        return entries.Select(e => e.FullName).ToArray();
    }

    /// <summary>True for a name a sweep directory holds: sweep.json, renders/&lt;16 or 64 hex&gt;.png or grid-&lt;letters, digits, - _ +&gt;.png.</summary>
    public static bool IsAllowed(string name) => AllowedName().IsMatch(name);

    private static List<ZipArchiveEntry> Checked(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw new UnsafeArchiveException($"the archive holds {zip.Entries.Count} entries, more than a sweep writes ({MaxEntries})");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<ZipArchiveEntry>();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName == SweepFiles.RendersFolder + "/")
            {
                continue;
            }
            if (!IsAllowed(entry.FullName))
            {
                throw new UnsafeArchiveException($"the archive holds '{Quote(entry.FullName)}', which is not a file a sweep writes (sweep.json, renders/<key>.png, grid-….png); nothing was extracted");
            }
            if (!names.Add(entry.FullName))
            {
                throw new UnsafeArchiveException($"the archive holds '{entry.FullName}' twice; nothing was extracted");
            }
            if (entry.Length > MaxEntryBytes)
            {
                throw new UnsafeArchiveException($"'{entry.FullName}' in the archive is {entry.Length} bytes, over the limit of {MaxEntryBytes}; nothing was extracted");
            }
            files.Add(entry);
        }
        if (!names.Contains(SweepManifest.FileName))
        {
            throw new UnsafeArchiveException($"the archive holds no {SweepManifest.FileName}; nothing was extracted");
        }
        return files;
    }

    private static ZipArchive OpenZip(string zipPath)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new UnsafeArchiveException($"the gateway's archive is not a readable zip: {e.Message}");
        }
    }

    private static void CopyBounded(Stream input, Stream output, string name)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        try
        {
            while ((read = input.Read(buffer)) > 0)
            {
                total += read;
                if (total > MaxEntryBytes)
                {
                    throw new UnsafeArchiveException($"'{name}' in the archive inflates past {MaxEntryBytes} bytes; it was not written");
                }
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new UnsafeArchiveException($"'{name}' in the archive is damaged: {e.Message}");
        }
    }

    private static string Quote(string name) =>
        string.Concat((name.Length > 80 ? name[..80] + "..." : name).Select(c => char.IsControl(c) ? '?' : c));

    [GeneratedRegex(@"\A(?:sweep\.json|renders/(?:[0-9a-f]{16}|[0-9a-f]{64})\.png|grid-[A-Za-z0-9_+\-]{1,200}\.png)\z", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedName();
}
