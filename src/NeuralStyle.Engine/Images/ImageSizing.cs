namespace NeuralStyle.Engine.Images;

/// <summary>Sizes that keep an image's aspect ratio.</summary>
public static class ImageSizing
{
    /// <summary>Scales (width, height) so that the longer side becomes <paramref name="longestSide"/>.</summary>
    public static (int Width, int Height) FitLongestSide(int width, int height, int longestSide)
    {
        if (width >= height)
        {
            return (longestSide, Math.Max(1, (int)Math.Round((double)height * longestSide / width, MidpointRounding.AwayFromZero)));
        }
        return (Math.Max(1, (int)Math.Round((double)width * longestSide / height, MidpointRounding.AwayFromZero)), longestSide);
    }
}
