using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Images;

public sealed class ImageFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private static string Asset(string name) => Path.Combine(AppContext.BaseDirectory, "Assets", name);

    [Fact]
    public void Exif_orientation_is_applied_before_anything_else()
    {
        // Stored 48x32 with red top-left, green top-right, blue bottom-left; orientation 6 turns it clockwise.
        Assert.Equal((32, 48), ImageFile.Probe(Asset("exif-orientation-6.jpg")));
        var image = ImageFile.Read(Asset("exif-orientation-6.jpg"), 32, 48);

        var topLeft = Pixel(image, 4, 4);
        var topRight = Pixel(image, 27, 4);
        Assert.True(topLeft.B > 0.8 && topLeft.R < 0.2, $"top-left should be blue, was {topLeft}");
        Assert.True(topRight.R > 0.8 && topRight.G < 0.2, $"top-right should be red, was {topRight}");
    }

    [Fact]
    public void An_image_is_resized_to_the_requested_size_keeping_its_content()
    {
        var image = ImageFile.ReadFitted(Path.Combine(RepositoryPaths.Examples, "chelsea.jpg"), 100);
        Assert.Equal((100, 66), (image.Width, image.Height));
        Assert.InRange(image.Pixels.Average(), 0.2, 0.8);
    }

    [Fact]
    public void An_image_already_at_the_size_is_not_resampled()
    {
        var pixels = new float[3 * 8 * 6];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (i * 37 % 256) / 255f;
        }
        var path = _directory.File("exact.png");
        ImageFile.WritePng(path, new RgbImage(8, 6, pixels), new Dictionary<string, string>());

        Assert.Equal(pixels, ImageFile.Read(path, 8, 6).Pixels);
    }

    [Fact]
    public void Text_chunks_written_with_a_png_are_read_back_exactly()
    {
        var path = _directory.File("meta.png");
        var json = """{"settings":{"style_weight":1000,"note":"naïve café ✓"},"weights_sha256":"ab"}""" + new string('x', 5000);
        ImageFile.WritePng(path, RgbImage.Noise(4, 4, 1), new Dictionary<string, string> { ["neuralstyle"] = json, ["Software"] = "NeuralStyle Farm" });

        var text = PngText.Read(path);
        Assert.Equal(json, text["neuralstyle"]);
        Assert.Equal("NeuralStyle Farm", text["Software"]);
    }

    [Fact]
    public void A_png_with_a_malformed_text_chunk_is_an_input_error()
    {
        var path = _directory.File("bad-text.png");
        ImageFile.WritePng(path, RgbImage.Noise(2, 2, 1), new Dictionary<string, string> { ["k"] = "v" });
        var bytes = File.ReadAllBytes(path);
        // Turn the keyword's NUL separator into a letter: the chunk no longer parses.
        var chunk = bytes.AsSpan().IndexOf("tEXtk"u8) + 5;
        bytes[chunk] = (byte)'x';
        File.WriteAllBytes(path, bytes);
        Assert.Throws<ImageUnreadableException>(() => PngText.Read(path));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<ImageUnreadableException>(() => ImageFile.Probe(_directory.File("none.jpg")));
        Assert.Contains("none.jpg", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_directory_given_as_an_image_says_it_is_a_directory()
    {
        var error = Assert.Throws<ImageUnreadableException>(() => ImageFile.Probe(_directory.Path));
        Assert.Contains("is a directory", error.Message);
        Assert.Contains("is a directory", Assert.Throws<ImageUnreadableException>(() => InputImage.Of(_directory.Path)).Message);
    }

    [Fact]
    public void A_fifo_or_device_given_as_an_image_is_refused_without_blocking()
    {
        var fifo = HostileFiles.Fifo(_directory.File("pipe.png"));
        foreach (var path in new[] { fifo, "/dev/zero" })
        {
            // Hashing a device never ends and opening a FIFO blocks: both must be refused from the file's type.
            var hashed = HostileFiles.ThrownWithin(() => InputImage.Of(path), $"InputImage.Of({path})", fifo);
            Assert.Contains("is not a regular file", Assert.IsType<ImageUnreadableException>(hashed).Message);
            var probed = HostileFiles.ThrownWithin(() => ImageFile.Probe(path), $"ImageFile.Probe({path})", fifo);
            Assert.Contains("is not a regular file", Assert.IsType<ImageUnreadableException>(probed).Message);
            var read = HostileFiles.ThrownWithin(() => ImageFile.Read(path, 4, 4), $"ImageFile.Read({path})", fifo);
            Assert.Contains("is not a regular file", Assert.IsType<ImageUnreadableException>(read).Message);
        }
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_an_error_not_a_crash()
    {
        var error = Assert.Throws<ImageUnreadableException>(() => ImageFile.ReadFitted(Asset("not-an-image.jpg"), 32));
        Assert.Contains("not-an-image.jpg", error.Message);
    }

    [Fact]
    public void A_gigantic_image_is_rejected_from_its_header_before_decoding()
    {
        var error = Assert.Throws<ImageTooLargeException>(() => ImageFile.Probe(Asset("huge-header.png")));
        Assert.Contains("50000", error.Message);
    }

    [Fact]
    public void A_failed_write_leaves_no_file_behind()
    {
        var blocked = _directory.File("file-not-dir");
        File.WriteAllText(blocked, "");
        Assert.Throws<OutputFileException>(() =>
            ImageFile.WritePng(Path.Combine(blocked, "out.png"), RgbImage.Noise(4, 4, 1), new Dictionary<string, string>()));
        Assert.Equal([blocked], Directory.GetFiles(_directory.Path));
    }

    private static (float R, float G, float B) Pixel(RgbImage image, int x, int y)
    {
        var i = y * image.Width + x;
        return (image.Pixels[i], image.Pixels[image.PlaneLength + i], image.Pixels[2 * image.PlaneLength + i]);
    }

    public void Dispose() => _directory.Dispose();
}
