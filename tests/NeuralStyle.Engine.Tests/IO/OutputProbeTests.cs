using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.IO;

public sealed class OutputProbeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void An_output_under_a_file_is_refused_naming_the_file()
    {
        var file = _directory.File("a-file");
        File.WriteAllText(file, "x");
        var error = Assert.Throws<OutputFileException>(() => OutputProbe.RequireCreatable("--out", Path.Combine(file, "sub", "out.png")));
        Assert.Contains("'" + file + "' is a file, not a directory", error.Message);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void An_output_under_proc_is_refused()
    {
        Assert.Throws<OutputFileException>(() => OutputProbe.RequireCreatable("--out", "/proc/out.png"));
        Assert.Throws<OutputFileException>(() => OutputProbe.RequireWritableDirectory("--out", "/proc/sweep"));
    }

    [Fact]
    public void A_name_longer_than_the_file_system_allows_is_refused_before_any_work()
    {
        var error = Assert.Throws<OutputFileException>(() => OutputProbe.RequireCreatable("--out", _directory.File(new string('n', 252) + ".png")));
        Assert.Contains("256 bytes long", error.Message);
        Assert.Contains("at most 255", error.Message);
    }

    [Fact]
    public void A_long_name_the_file_system_allows_is_written_through_a_temporary_name_it_allows_too()
    {
        var path = _directory.File(new string('n', 246) + ".png");
        OutputProbe.RequireCreatable("--out", path);
        AtomicFile.Write(path, stream => stream.WriteByte(1));
        Assert.Equal([1], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void The_check_leaves_nothing_behind_not_even_the_directories_it_created()
    {
        OutputProbe.RequireCreatable("--out", Path.Combine(_directory.Path, "a", "b", "out.png"));
        OutputProbe.RequireWritableDirectory("--out", Path.Combine(_directory.Path, "sweep"));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void An_output_that_is_a_directory_is_refused()
    {
        var error = Assert.Throws<OutputFileException>(() => OutputProbe.RequireCreatable("--report", _directory.Path));
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void An_output_that_is_a_fifo_or_device_is_refused_and_left_as_it_is()
    {
        var fifo = HostileFiles.Fifo(_directory.File("out.png"));

        Assert.Contains("is a device, FIFO or socket", Assert.Throws<OutputFileException>(() => OutputProbe.RequireCreatable("--out", fifo)).Message);
        Assert.Contains("is a device, FIFO or socket", Assert.Throws<OutputFileException>(() => OutputProbe.RequireCreatable("--report", "/dev/null")).Message);
        Assert.Throws<OutputFileException>(() => AtomicFile.Write(fifo, stream => stream.WriteByte(1)));
        Assert.Equal(FileKind.Other, FileMetadata.Of(fifo).Kind);
    }

    public void Dispose() => _directory.Dispose();
}
