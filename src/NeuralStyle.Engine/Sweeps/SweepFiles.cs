namespace NeuralStyle.Engine.Sweeps;

/// <summary>Names of what a sweep writes in its directory.</summary>
public static class SweepFiles
{
    /// <summary>Folder of the renders' PNGs.</summary>
    public const string RendersFolder = "renders";

    /// <summary>renders/&lt;first 16 hex of the key&gt;.png: the same render always has the same file.</summary>
    public static string RenderImage(string key) => $"{RendersFolder}/{key[..16]}.png";

    /// <summary>grid-01-chelsea-hubble.png: page number, then the content and style names.</summary>
    public static string Grid(GridPage page) =>
        $"grid-{page.Index + 1:D2}-{Stem(page.Content)}-{string.Join('+', page.Style.Select(Stem))}.png";

    private static string Stem(string path) =>
        new(Path.GetFileNameWithoutExtension(path).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
