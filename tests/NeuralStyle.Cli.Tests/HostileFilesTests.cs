using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Cli.Tests;

/// <summary>Files a user could hand nsf by mistake or on purpose: each is a clear error and an exit code, never a hang, a flood or a stack trace.</summary>
[Collection(CliCollection.Name)]
public sealed class HostileFilesTests(CliFixture fixture)
{
    /// <summary>Runs nsf, failing (not hanging) after 30 s; a reader stuck on <paramref name="fifo"/> is released by a writer.</summary>
    private static CliRun Within(string commandLine, string? fifo = null)
    {
        var run = Task.Run(() => CliRun.Of(commandLine));
        var finished = run.Wait(TimeSpan.FromSeconds(30));
        if (!finished && fifo is not null)
        {
            new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose();
        }
        Assert.True(finished, $"'nsf {commandLine}' did not finish within 30 s");
        return run.Result;
    }

    public static TheoryData<string> NotFiles => new() { "--content {fifo}", "--style {fifo}", "--init {fifo}", "--content /dev/zero", "--style /dev/zero" };

    [Theory]
    [MemberData(nameof(NotFiles))]
    public void A_fifo_or_device_as_an_image_is_an_input_error_at_once(string change)
    {
        var dir = fixture.NewDirectory();
        var fifo = NsfProcess.Fifo($"{dir}/pipe.png");
        var run = Within($"render {fixture.TinyWith(change.Replace("{fifo}", fifo))} --out {dir}/out.png", fifo);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("is not a regular file", run.Error);
        Assert.Equal([fifo], Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_directory_as_an_image_says_it_is_a_directory()
    {
        var dir = fixture.NewDirectory();
        var run = Within($"render {fixture.TinyWith($"--style {dir}")} --out {dir}/out.png");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"'{dir}' is a directory", run.Error);
    }

    [Fact]
    public void Inspect_refuses_a_compressed_text_bomb_without_inflating_it()
    {
        var path = WithChunk("bomb.png", ZeroBomb(256L << 20));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var run = Within($"inspect {path}");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("inflates past the limit of 16 MiB", run.Error);
        // Inflating would take 256 MiB and more; the bounded reader stops near 16 MiB.
        Assert.True(allocated < 96L << 20, $"inspect allocated {allocated >> 20} MiB; expected under 96 MiB");
    }

    [Theory]
    [InlineData("{\"settings\": {", "malformed")]
    [InlineData("null", "not a JSON object")]
    [InlineData("[1, 2]", "not a JSON object")]
    public void Inspect_reports_malformed_metadata_as_an_input_error(string json, string message)
    {
        var dir = fixture.NewDirectory();
        var path = $"{dir}/bad.png";
        ImageFile.WritePng(path, RgbImage.Noise(2, 2, 1), new Dictionary<string, string> { ["neuralstyle"] = json });
        var run = Within($"inspect {path}");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Inspect_of_a_fifo_is_an_input_error_at_once()
    {
        var fifo = NsfProcess.Fifo($"{fixture.NewDirectory()}/pipe.png");
        var run = Within($"inspect {fifo}", fifo);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("is not a regular file", run.Error);
    }

    [Theory]
    [InlineData("renders/mine.png")]
    [InlineData("grid-01-content-style.png")]
    [InlineData("sweep.journal")]
    [InlineData(".sweep.lock")]
    public void A_sweep_refuses_inputs_where_it_writes_before_rendering(string where)
    {
        var outDir = fixture.NewDirectory();
        var input = Path.Combine(outDir, where);
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        File.Copy(fixture.Content, input);
        var run = Within($"sweep --content {input} --style {fixture.Style} --weights {fixture.Weights} --size 32 --iterations 1 " +
            $"--style-layers relu1_1 --content-layers relu1_1 --axis \"tv_weight=0;1\" --out {outDir}");
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("where the sweep into --out", run.Error);
        Assert.Equal(File.ReadAllBytes(fixture.Content), File.ReadAllBytes(input));
        Assert.False(File.Exists(Path.Combine(outDir, "sweep.json")), "nothing should have been rendered");
    }

    [Fact]
    public void A_sweep_into_a_file_or_under_proc_fails_before_rendering()
    {
        var file = Path.Combine(fixture.NewDirectory(), "file");
        File.WriteAllText(file, "x");
        foreach (var outDir in new[] { file, "/proc/nsf-sweep" })
        {
            var run = Within($"sweep --content {fixture.Content} --style {fixture.Style} --weights {fixture.Weights} --size 32 --iterations 1 --out {outDir}");
            Assert.Equal(5, run.ExitCode);
            Assert.DoesNotContain("   at ", run.Error);
        }
        Assert.Equal("x", File.ReadAllText(file));
    }

    private string WithChunk(string name, byte[] chunk)
    {
        var path = Path.Combine(fixture.NewDirectory(), name);
        ImageFile.WritePng(path, RgbImage.Noise(2, 2, 1), new Dictionary<string, string>());
        var png = File.ReadAllBytes(path);
        File.WriteAllBytes(path, [.. png.AsSpan(0, png.Length - 12), .. chunk, .. png.AsSpan(png.Length - 12)]);
        return path;
    }

    /// <summary>A zTXt chunk "neuralstyle" whose text is <paramref name="zeros"/> zero bytes (about 1000:1 compressed).</summary>
    private static byte[] ZeroBomb(long zeros)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.Length)
            {
                zlib.Write(block);
            }
        }
        byte[] data = [.. "neuralstyle"u8, 0, 0, .. compressed.ToArray()];
        byte[] typed = [.. "zTXt"u8, .. data];
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typed.CopyTo(chunk, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc.Of(typed.AsSpan(0, 4), typed.AsSpan(4)));
        return chunk;
    }
}
