using System.IO.Compression;
using System.Text;
using NeuralStyle.Cli.Farm;

namespace NeuralStyle.Cli.Tests.Farm;

public sealed class SweepArchiveTests : IDisposable
{
    private static readonly string Key = new('a', 64);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nsf-archive-tests-" + Guid.NewGuid().ToString("N"));

    public SweepArchiveTests() => Directory.CreateDirectory(_root);

    private string Zip(params (string Name, string Text)[] entries)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
        return path;
    }

    private string Out() => Directory.CreateDirectory(Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void A_sweeps_files_are_written_where_nsf_sweep_writes_them()
    {
        var dir = Out();
        var written = SweepArchive.Extract(Zip(("sweep.json", "{}"), ("renders/", ""), ($"renders/{Key[..16]}.png", "p1"), ($"renders/{Key}.png", "p2"),
            ("grid-01-content-style.png", "g")), dir);
        Assert.Equal(["sweep.json", $"renders/{Key[..16]}.png", $"renders/{Key}.png", "grid-01-content-style.png"], written);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, "sweep.json")));
        Assert.Equal("p1", File.ReadAllText(Path.Combine(dir, "renders", Key[..16] + ".png")));
        Assert.Equal("g", File.ReadAllText(Path.Combine(dir, "grid-01-content-style.png")));
        Assert.Empty(Directory.EnumerateFiles(dir, ".nsf-*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../escaped.png")]
    [InlineData("renders/../../escaped.png")]
    [InlineData("/tmp/escaped.png")]
    [InlineData("renders\\..\\..\\escaped.png")]
    [InlineData("grid-../../escaped.png")]
    [InlineData("notes.txt")]
    [InlineData("renders/ABCDEF0123456789.png")]
    [InlineData("renders/abc.png")]
    [InlineData("sub/sweep.json")]
    [InlineData("grid-01.png.exe")]
    [InlineData(".sweep.lock")]
    public void An_entry_a_sweep_does_not_write_is_refused_before_anything_is_written(string name)
    {
        var dir = Out();
        var zip = Zip(("sweep.json", "{}"), ($"renders/{Key[..16]}.png", "p"), (name, "evil"));
        var e = Assert.Throws<UnsafeArchiveException>(() => SweepArchive.Extract(zip, dir));
        Assert.Contains("nothing was extracted", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
        Assert.False(File.Exists(Path.Combine(_root, "escaped.png")));
        Assert.False(File.Exists("/tmp/escaped.png") && File.ReadAllText("/tmp/escaped.png") == "evil");
    }

    [Fact]
    public void A_name_twice_is_refused()
    {
        var e = Assert.Throws<UnsafeArchiveException>(() => SweepArchive.Extract(Zip(("sweep.json", "{}"), ("sweep.json", "{\"x\":1}")), Out()));
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void An_archive_without_its_manifest_is_refused()
    {
        var e = Assert.Throws<UnsafeArchiveException>(() => SweepArchive.Extract(Zip(($"renders/{Key}.png", "p")), Out()));
        Assert.Contains("sweep.json", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var path = Path.Combine(_root, "not.zip");
        File.WriteAllText(path, "<html>proxy error</html>");
        Assert.Throws<UnsafeArchiveException>(() => SweepArchive.Extract(path, Out()));
    }

    [Fact]
    public void A_file_already_there_is_replaced_whole()
    {
        var dir = Out();
        File.WriteAllText(Path.Combine(dir, "sweep.json"), "old and longer than the new one");
        SweepArchive.Extract(Zip(("sweep.json", "new")), dir);
        Assert.Equal("new", File.ReadAllText(Path.Combine(dir, "sweep.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
