using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Tests.Images;

public sealed class ImageTransformsTests
{
    [Theory]
    [InlineData(384, 255, 64, 64, 43)]
    [InlineData(255, 384, 64, 43, 64)]
    [InlineData(100, 100, 32, 32, 32)]
    [InlineData(1000, 10, 64, 64, 1)]
    public void Fitting_keeps_the_aspect_with_the_longest_side_given(int w, int h, int size, int ew, int eh) =>
        Assert.Equal((ew, eh), ImageSizing.FitLongestSide(w, h, size));

    [Fact]
    public void Original_colors_keep_the_stylised_luminance_and_the_content_chroma()
    {
        var stylised = new RgbImage(1, 1, [0.2f, 0.6f, 0.4f]);
        var content = new RgbImage(1, 1, [0.6f, 0.4f, 0.4f]);
        var result = ColorTransfer.KeepContentColors(stylised, content);

        double Luma(RgbImage i) => 0.299 * i.Pixels[0] + 0.587 * i.Pixels[1] + 0.114 * i.Pixels[2];
        Assert.Equal(Luma(stylised), Luma(result), 3);
        Assert.True(result.Pixels[0] > result.Pixels[1] && result.Pixels[0] > result.Pixels[2], "the content's red hue is kept");
    }

    [Fact]
    public void Bilinear_upsampling_of_a_constant_image_stays_constant_and_has_the_new_size()
    {
        var source = new RgbImage(2, 2, [.. Enumerable.Repeat(0.25f, 12)]);
        var result = ImageResampling.Bilinear(source, 5, 3);
        Assert.Equal((5, 3), (result.Width, result.Height));
        Assert.All(result.Pixels, p => Assert.Equal(0.25f, p, 5));
    }

    [Fact]
    public void Noise_is_the_same_for_a_seed_and_within_the_unit_range()
    {
        Assert.Equal(RgbImage.Noise(8, 8, 5).Pixels, RgbImage.Noise(8, 8, 5).Pixels);
        Assert.NotEqual(RgbImage.Noise(8, 8, 5).Pixels, RgbImage.Noise(8, 8, 6).Pixels);
        Assert.All(RgbImage.Noise(8, 8, 5).Pixels, p => Assert.InRange(p, 0f, 1f));
    }
}
