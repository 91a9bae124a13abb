using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Grids;

/// <summary>The content and style images shown beside a grid, each under its file name.</summary>
internal sealed class SidePanel
{
    private const string Font = "DejaVu Sans 11";
    private const int Gap = 8;
    private readonly List<(string Caption, RgbImage Image, int CaptionHeight)> _items = [];

    private SidePanel(int width) => Width = width;

    public int Width { get; }

    public int Height => _items.Sum(i => i.CaptionHeight + 4 + i.Image.Height + Gap * 2);

    public static SidePanel Load(GridPage page, int width)
    {
        var panel = new SidePanel(width);
        panel.Add($"content: {Path.GetFileName(page.Content)}", page.Content);
        foreach (var style in page.Style)
        {
            panel.Add($"style: {Path.GetFileName(style)}", style);
        }
        return panel;
    }

    public void Draw(GridCanvas canvas, int x, int y)
    {
        foreach (var (caption, image, captionHeight) in _items)
        {
            canvas.DrawText(caption, Font, Width, x, y, Rgb.Ink);
            y += captionHeight + 4;
            canvas.DrawImage(image, x, y);
            y += image.Height + Gap * 2;
        }
    }

    private void Add(string caption, string path)
    {
        var (width, height) = ImageFile.Probe(path);
        var (fittedWidth, fittedHeight) = ImageSizing.FitLongestSide(width, height, Width);
        if (fittedWidth > Width)
        {
            (fittedWidth, fittedHeight) = (Width, Math.Max(1, fittedHeight * Width / fittedWidth));
        }
        _items.Add((caption, ImageFile.Read(path, fittedWidth, fittedHeight), GridCanvas.Measure(caption, Font, Width).Height));
    }
}
