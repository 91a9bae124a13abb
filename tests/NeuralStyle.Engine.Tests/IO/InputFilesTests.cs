using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.IO;

public sealed class InputFilesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private static InputFileException Fail(string message) => new($"input {message}");

    [Fact]
    public void ARegularFileWithinTheLimitIsReadWhole()
    {
        var path = _directory.File("spec.yaml");
        File.WriteAllText(path, "\uFEFFtitle: x");
        Assert.Equal("title: x", InputFiles.ReadAllText(path, 100, Fail));
        Assert.Equal(11, InputFiles.RequireRegularFile(path, 100, Fail));
    }

    [Fact]
    public void AFileOverTheLimitIsRefusedBeforeItIsRead()
    {
        var path = _directory.File("big.bin");
        File.WriteAllBytes(path, new byte[2048]);
        var e = Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(path, 1024, Fail));
        Assert.Contains("2 KiB, over the limit of 1 KiB", e.Message);
    }

    [Fact]
    public void DevZeroIsRefusedWithoutReading()
    {
        var e = Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes("/dev/zero", 1 << 20, Fail));
        Assert.Contains("is not a regular file", e.Message);
    }

    [Fact]
    public void AFifoIsRefusedWithoutBlocking()
    {
        var fifo = HostileFiles.Fifo(_directory.File("pipe"));
        // Opening a FIFO with no writer blocks; a bounded wait turns a regression into a failure, not a hang.
        var e = Assert.IsType<InputFileException>(HostileFiles.ThrownWithin(() => InputFiles.ReadAllBytes(fifo, 1 << 20, Fail), "reading a FIFO", fifo));
        Assert.Contains("is not a regular file", e.Message);
    }

    [Fact]
    public void ADirectoryAndAMissingFileSaySo()
    {
        Assert.Contains("is a directory", Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(_directory.Path, 10, Fail)).Message);
        Assert.Contains("does not exist", Assert.Throws<InputFileException>(() => InputFiles.ReadAllBytes(_directory.File("none"), 10, Fail)).Message);
    }

    [Fact]
    public void ALinkToARegularFileIsFollowed()
    {
        var target = _directory.File("target.txt");
        File.WriteAllText(target, "abc");
        var link = _directory.File("link.txt");
        File.CreateSymbolicLink(link, target);
        Assert.Equal("abc", InputFiles.ReadAllText(link, 10, Fail));
    }

    public void Dispose() => _directory.Dispose();
}
