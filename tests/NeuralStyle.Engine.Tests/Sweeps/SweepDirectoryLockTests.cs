using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

[Collection(EngineCollection.Name)]
public sealed class SweepDirectoryLockTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    [Fact]
    public void A_run_in_a_directory_another_run_holds_fails_at_once_and_writes_nothing()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-2]\n");
        // What a running sweep holds: the same lock .NET takes (flock) for FileShare.None.
        using (new FileStream(_out.File(".sweep.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var engine = new StyleTransfer();
            var error = Assert.Throws<OutputFileException>(() => new SweepRunner(engine, 4).Run(plan, _out.Path));

            Assert.Contains("another nsf sweep is running", error.Message);
            Assert.Equal(0, engine.ModelLoads);
            Assert.False(File.Exists(_out.File("sweep.json")));
            Assert.Empty(Directory.GetFiles(_out.File("renders")));
        }
        using var after = new StyleTransfer();
        Assert.Equal(2, new SweepRunner(after, 4).Run(plan, _out.Path).Rendered);
    }

    [Fact]
    public void Temporaries_left_by_a_killed_run_are_removed_and_nothing_else()
    {
        Directory.CreateDirectory(_out.File("renders"));
        // The names AtomicFile really gives its temporaries, as a kill -9 mid-write leaves them.
        var stale = new[]
        {
            _out.File(AtomicFile.TemporaryName()),
            _out.File(AtomicFile.TemporaryName()),
            Path.Combine(_out.Path, "renders", AtomicFile.TemporaryName()),
        };
        var kept = new[] { _out.File("notes.tmp"), _out.File($".mine.txt.{Guid.NewGuid():N}.tmp"), _out.File(".nsf-notes.tmp") };
        foreach (var file in stale.Concat(kept))
        {
            File.WriteAllText(file, "half written");
        }
        using var engine = new StyleTransfer();

        new SweepRunner(engine, 4).Run(SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4]\n"), _out.Path);

        Assert.All(stale, file => Assert.False(File.Exists(file), $"{file} should have been removed"));
        Assert.All(kept, file => Assert.True(File.Exists(file), $"{file} is not ours and should be kept"));
    }

    public void Dispose() => _out.Dispose();
}
