namespace NeuralStyle.Engine.Sweeps;

/// <summary>Names of what a sweep writes in its directory.</summary>
public static class SweepFiles
{
    /// <summary>Folder of the renders' PNGs.</summary>
    public const string RendersFolder = "renders";

    /// <summary>Held (flock) by the run working in the directory; the kernel releases it when that process ends.</summary>
    public const string LockFile = ".sweep.lock";

    /// <summary>One JSON line per render finished since sweep.json was last written whole.</summary>
    public const string JournalFile = "sweep.journal";

    /// <summary>
    /// renders/&lt;first 16 hex of the key&gt;.png: the same render always has the same file. Only a
    /// well-formed key names a file, so no path read from a manifest ever leaves renders/.
    /// </summary>
    public static string RenderImage(string key) => RenderKey.IsWellFormed(key)
        ? $"{RendersFolder}/{key[..16]}.png"
        : throw new ArgumentException($"'{key}' is not a render key", nameof(key));

    /// <summary>
    /// grid-01-chelsea-hubble.png: page number, then the content and style names in ASCII, each
    /// cut to 40 characters and the styles to 100, so that any page's name stays far inside the
    /// file system's 255 bytes.
    /// </summary>
    public static string Grid(GridPage page)
    {
        var styles = string.Join('+', page.Style.Select(Stem));
        if (styles.Length > MaxStylesLength)
        {
            styles = $"{styles[..(MaxStylesLength - 8)]}+{page.Style.Count}styles";
        }
        return $"grid-{page.Index + 1:D2}-{Stem(page.Content)}-{styles}.png";
    }

    private const int MaxStemLength = 40;
    private const int MaxStylesLength = 100;

    private static string Stem(string path)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(path).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return stem.Length > MaxStemLength ? stem[..MaxStemLength] : stem;
    }
}
