using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Images;

public sealed class PngTextTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private byte[] SmallPng()
    {
        var path = _directory.File("small.png");
        ImageFile.WritePng(path, RgbImage.Noise(2, 2, 1), new Dictionary<string, string> { ["Software"] = "NeuralStyle Farm" });
        return File.ReadAllBytes(path);
    }

    private string Written(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_compressed_text_chunk_that_would_inflate_to_256_MiB_is_refused_within_a_small_allocation()
    {
        // 256 MiB of zeros compress to about 256 KiB: small on disk, huge once inflated.
        var path = Written("bomb.png", PngChunks.BeforeEnd(SmallPng(), PngChunks.ZeroBomb("neuralstyle", 256L << 20)));
        Assert.InRange(new FileInfo(path).Length, 1, 2 << 20);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImageUnreadableException>(() => PngText.Read(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("inflates past the limit of 16 MiB", error.Message);
        // Inflating it would take 256 MiB and more; the bounded reader stops near the 16 MiB limit.
        Assert.True(allocated < 64L << 20, $"reading allocated {allocated >> 20} MiB; expected under 64 MiB");
    }

    [Fact]
    public void Many_small_text_chunks_are_bounded_in_number()
    {
        var png = SmallPng();
        var chunks = Enumerable.Range(0, PngText.MaxTextChunks + 1).SelectMany(i => PngChunks.Text($"k{i}", "v")).ToArray();
        var path = Written("many.png", PngChunks.BeforeEnd(png, chunks));
        Assert.Contains("more text than the limit", Assert.Throws<ImageUnreadableException>(() => PngText.Read(path)).Message);
    }

    [Fact]
    public void A_text_chunk_that_fails_its_crc_is_refused_rather_than_trusted()
    {
        var bytes = PngChunks.BeforeEnd(SmallPng(), PngChunks.Text("neuralstyle", "{\"a\":1}"));
        var value = bytes.AsSpan().IndexOf("{\"a\":1}"u8);
        bytes[value + 5] = (byte)'2';
        var error = Assert.Throws<ImageUnreadableException>(() => PngText.Read(Written("crc.png", bytes)));
        Assert.Contains("fails its CRC check", error.Message);
    }

    [Fact]
    public void A_chunk_whose_length_runs_past_the_end_of_the_file_is_refused()
    {
        var bytes = SmallPng();
        // The first chunk (IHDR) claims 2 GiB.
        bytes[8] = 0x7F;
        var error = Assert.Throws<ImageUnreadableException>(() => PngText.Read(Written("long.png", bytes)));
        Assert.Contains("runs past the end of the file", error.Message);
    }

    [Fact]
    public void Text_after_the_image_data_is_found_by_skipping_chunks_not_reading_them()
    {
        var path = Written("late.png", PngChunks.BeforeEnd(SmallPng(), PngChunks.Text("late", "found")));
        Assert.Equal("found", PngText.Read(path)["late"]);
        Assert.Equal("NeuralStyle Farm", PngText.Read(path)["Software"]);
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        var fifo = HostileFiles.Fifo(_directory.File("pipe.png"));
        var error = HostileFiles.ThrownWithin(() => PngText.Read(fifo), "PngText.Read of a FIFO", fifo);
        Assert.Contains("is not a regular file", Assert.IsType<ImageUnreadableException>(error).Message);
    }

    public void Dispose() => _directory.Dispose();
}
