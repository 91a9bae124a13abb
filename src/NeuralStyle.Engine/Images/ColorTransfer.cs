namespace NeuralStyle.Engine.Images;

/// <summary>
/// The <c>original_colors</c> option: keep the stylised image's luminance and take the chroma of
/// the content image (BT.601 YCbCr), so the style changes texture but not colour.
/// </summary>
public static class ColorTransfer
{
    /// <summary>A new image: luminance of <paramref name="stylised"/>, chroma of <paramref name="content"/> (same size).</summary>
    public static RgbImage KeepContentColors(RgbImage stylised, RgbImage content)
    {
        if (stylised.Width != content.Width || stylised.Height != content.Height)
        {
            throw new ArgumentException("the stylised and content images must have the same size");
        }
        var n = stylised.PlaneLength;
        var s = stylised.Pixels;
        var c = content.Pixels;
        var result = new float[3 * n];
        for (var i = 0; i < n; i++)
        {
            var luma = 0.299 * s[i] + 0.587 * s[n + i] + 0.114 * s[2 * n + i];
            var cb = -0.168736 * c[i] - 0.331264 * c[n + i] + 0.5 * c[2 * n + i];
            var cr = 0.5 * c[i] - 0.418688 * c[n + i] - 0.081312 * c[2 * n + i];
            result[i] = Clamp(luma + 1.402 * cr);
            result[n + i] = Clamp(luma - 0.344136 * cb - 0.714136 * cr);
            result[2 * n + i] = Clamp(luma + 1.772 * cb);
        }
        return new RgbImage(stylised.Width, stylised.Height, result);
    }

    private static float Clamp(double value) => (float)Math.Clamp(value, 0.0, 1.0);
}
