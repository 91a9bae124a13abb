using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Grids;

/// <summary>
/// The content and style images shown beside a grid, each under its file name. A blend of many
/// styles shows the first few and says how many more, so the panel's height is bounded.
/// </summary>
internal sealed class SidePanel
{
    private const string Font = "DejaVu Sans 11";
    private const int Gap = 8;
    private const int MaxStylesShown = 6;
    private const int MaxCaptionHeight = 48;
    private const int MaxCaptionChars = 160;
    private readonly List<(string Caption, RgbImage? Image, int CaptionHeight)> _items = [];

    private SidePanel(int width) => Width = width;

    public int Width { get; }

    public int Height => _items.Sum(i => i.CaptionHeight + 4 + (i.Image?.Height ?? 0) + Gap * 2);

    /// <summary>The page's inputs, each captioned with the file name of what <paramref name="nameOf"/> calls its path.</summary>
    public static SidePanel Load(GridPage page, int width, Func<string, string> nameOf)
    {
        var panel = new SidePanel(width);
        panel.Add($"content: {Path.GetFileName(nameOf(page.Content))}", page.Content);
        foreach (var style in page.Style.Take(MaxStylesShown))
        {
            panel.Add($"style: {Path.GetFileName(nameOf(style))}", style);
        }
        if (page.Style.Count > MaxStylesShown)
        {
            panel.Add($"+ {page.Style.Count - MaxStylesShown} more styles", null);
        }
        return panel;
    }

    public void Draw(GridCanvas canvas, int x, int y)
    {
        foreach (var (caption, image, captionHeight) in _items)
        {
            canvas.DrawText(caption, Font, Width, x, y, Rgb.Ink);
            y += captionHeight + 4;
            if (image is not null)
            {
                canvas.DrawImage(image, x, y);
                y += image.Height;
            }
            y += Gap * 2;
        }
    }

    private void Add(string caption, string? path)
    {
        var fitted = GridText.Fit(caption, Font, Width, MaxCaptionHeight, MaxCaptionChars);
        _items.Add((fitted, path is null ? null : Read(path), GridCanvas.Measure(fitted, Font, Width).Height));
    }

    private RgbImage Read(string path)
    {
        var (width, height) = ImageFile.Probe(path);
        var (fittedWidth, fittedHeight) = ImageSizing.FitLongestSide(width, height, Width);
        if (fittedWidth > Width)
        {
            (fittedWidth, fittedHeight) = (Width, Math.Max(1, fittedHeight * Width / fittedWidth));
        }
        return ImageFile.Read(path, fittedWidth, fittedHeight);
    }
}
