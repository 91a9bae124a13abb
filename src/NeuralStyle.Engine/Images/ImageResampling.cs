namespace NeuralStyle.Engine.Images;

/// <summary>Resampling of in-memory images (files are resampled by libvips on decode).</summary>
public static class ImageResampling
{
    /// <summary>
    /// Bilinear resize with pixel centres aligned (torch's align_corners=false). Used to carry a
    /// result to the next scale of a multi-scale render, where it is only a starting point.
    /// </summary>
    public static RgbImage Bilinear(RgbImage source, int width, int height)
    {
        if (source.Width == width && source.Height == height)
        {
            return source.Clone();
        }
        var result = new float[3 * width * height];
        var scaleX = (double)source.Width / width;
        var scaleY = (double)source.Height / height;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, source.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, source.Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, source.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, source.Width - 1);
                var fx = sx - x0;
                for (var c = 0; c < 3; c++)
                {
                    var plane = c * source.PlaneLength;
                    double At(int yy, int xx) => source.Pixels[plane + yy * source.Width + xx];
                    var top = At(y0, x0) * (1 - fx) + At(y0, x1) * fx;
                    var bottom = At(y1, x0) * (1 - fx) + At(y1, x1) * fx;
                    result[c * width * height + y * width + x] = (float)(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return new RgbImage(width, height, result);
    }
}
