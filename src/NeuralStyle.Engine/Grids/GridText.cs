using System.Text;

namespace NeuralStyle.Engine.Grids;

/// <summary>
/// Makes any text drawable on a grid page: bounded in characters, breakable, and cut to fit a
/// height. Pango wraps only at word breaks and the text is rendered on one cairo surface whose
/// sides are limited to 32767 px, so one long word (a path, a title without spaces) used to fail
/// the whole page; sweep.json keeps the full text.
/// </summary>
internal static class GridText
{
    /// <summary>Runs of this many characters without a break get a zero-width space so Pango can wrap them.</summary>
    private const int LongestUnbrokenRun = 16;

    private const char ZeroWidthSpace = '\u200B';

    /// <summary>
    /// At most <paramref name="maxChars"/> characters of <paramref name="text"/> (ellipsised), made
    /// breakable, then shortened until it wraps at <paramref name="width"/> within <paramref name="maxHeight"/>.
    /// </summary>
    public static string Fit(string text, string font, int width, int maxHeight, int maxChars)
    {
        var candidate = Breakable(Shorten(text, maxChars));
        var length = candidate.Length;
        // Measuring costs a Pango layout; shortening by a quarter each time bounds the calls to a few dozen.
        while (length > 1 && GridCanvas.Measure(Shorten(candidate, length), font, Math.Max(1, width)).Height > maxHeight)
        {
            length = length * 3 / 4;
        }
        return Shorten(candidate, length);
    }

    /// <summary>The first <paramref name="maxChars"/> characters, the last replaced by an ellipsis when cut.</summary>
    public static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..CutPoint(text, Math.Max(1, maxChars - 1))] + "…";

    /// <summary>The last <paramref name="maxChars"/> characters behind an ellipsis: for values whose end says most (file paths).</summary>
    public static string ShortenFromStart(string text, int maxChars) =>
        text.Length <= maxChars ? text : "…" + text[CutPointFromEnd(text, Math.Max(1, maxChars - 1))..];

    private static string Breakable(string text)
    {
        var result = new StringBuilder(text.Length + text.Length / LongestUnbrokenRun);
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsWhiteSpace(c) || c == ZeroWidthSpace ? 0 : run + 1;
            // Never between the halves of a surrogate pair.
            if (run > LongestUnbrokenRun && !char.IsLowSurrogate(c))
            {
                result.Append(ZeroWidthSpace);
                run = 1;
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static int CutPoint(string text, int length) =>
        length < text.Length && char.IsLowSurrogate(text[length]) ? length - 1 : length;

    private static int CutPointFromEnd(string text, int length)
    {
        var start = text.Length - length;
        return start > 0 && char.IsLowSurrogate(text[start]) ? start + 1 : start;
    }
}
