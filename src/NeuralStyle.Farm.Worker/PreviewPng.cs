using NeuralStyle.Engine.Images;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Worker;

/// <summary>The small PNG a progress event carries: the current image at most <see cref="MaxSide"/> px on its long side.</summary>
internal static class PreviewPng
{
    public const int MaxSide = 128;

    /// <summary>The PNG bytes, or null when they would exceed <see cref="RenderProgressed.MaxPreviewBytes"/> (they never do at 128 px).</summary>
    public static byte[]? Encode(RgbImage image, string scratchDirectory)
    {
        var small = image;
        if (Math.Max(image.Width, image.Height) > MaxSide)
        {
            var (width, height) = ImageSizing.FitLongestSide(image.Width, image.Height, MaxSide);
            small = ImageResampling.Bilinear(image, width, height);
        }
        // The encoder writes files; a preview is a few kilobytes, written and read back at once.
        var path = Path.Combine(scratchDirectory, $"preview-{Guid.NewGuid():N}.png");
        try
        {
            ImageFile.WritePng(path, small, new Dictionary<string, string>());
            var bytes = File.ReadAllBytes(path);
            return bytes.Length <= RenderProgressed.MaxPreviewBytes ? bytes : null;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
