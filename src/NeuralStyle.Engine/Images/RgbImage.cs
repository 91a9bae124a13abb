namespace NeuralStyle.Engine.Images;

/// <summary>An RGB image as the engine sees it: float planar [3, Height, Width], values in [0, 1].</summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied), which must hold 3 x height x width values.</summary>
    public RgbImage(int width, int height, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != 3L * width * height)
        {
            throw new ArgumentException($"{pixels.Length} values for a {width}x{height} RGB image", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Planar RGB: all red values row by row, then green, then blue.</summary>
    public float[] Pixels { get; }

    /// <summary>Values per channel.</summary>
    public int PlaneLength => Width * Height;

    /// <summary>A deep copy.</summary>
    public RgbImage Clone() => new(Width, Height, (float[])Pixels.Clone());

    /// <summary>Uniform noise in [0, 1) from <paramref name="seed"/>; the same seed gives the same image everywhere.</summary>
    public static RgbImage Noise(int width, int height, long seed)
    {
        var random = new DeterministicRandom(seed);
        var pixels = new float[3 * width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)random.NextUniform();
        }
        return new RgbImage(width, height, pixels);
    }
}
