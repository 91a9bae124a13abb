using System.Text;
using System.Text.Json;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

/// <summary>Progress is a line per render in sweep.journal; sweep.json is written whole only when a run begins and ends.</summary>
[Collection(EngineCollection.Name)]
public sealed class SweepJournalTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    [Fact]
    public void Sweep_json_is_not_rewritten_per_batch_and_the_journal_grows_by_one_line_per_render()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-5, 1e-4, 1e-3, 1e-2]\n", iterations: 1);
        var watcher = new DirectoryWatcher(_out.Path);
        using var engine = new StyleTransfer();

        var outcome = new SweepRunner(engine, batchSize: 1).Run(plan, _out.Path, watcher);

        Assert.Equal(4, outcome.Rendered);
        Assert.Equal(4, watcher.Manifests.Count);
        Assert.NotNull(watcher.Manifests[0]);
        Assert.All(watcher.Manifests, m => Assert.Equal(watcher.Manifests[0], m));
        Assert.Equal([0, 1, 2, 3], watcher.JournalLines);
        // Linear: every line is one render's record, of a size that does not grow with the sweep.
        Assert.All(watcher.JournalBytes.Zip(watcher.JournalBytes.Skip(1), (a, b) => b - a), line => Assert.InRange(line, 200, 8192));
        Assert.False(File.Exists(_out.File("sweep.journal")), "the journal is folded into sweep.json when the run ends");
        Assert.All(SweepManifest.TryRead(_out.Path)!.Renders, r => Assert.Equal(RenderStatus.Succeeded, r.Status));
    }

    [Fact]
    public void A_run_killed_mid_sweep_is_resumed_from_the_journal_ignoring_a_torn_last_line()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-3, 1e-2]\n");
        SweepManifest finished;
        using (var engine = new StyleTransfer())
        {
            finished = new SweepRunner(engine, 4).Run(plan, _out.Path).Manifest;
        }
        // What a kill -9 after three renders leaves: sweep.json as the run began, and the journal,
        // its last line cut mid-write.
        (finished with { Renders = [.. finished.Renders.Select(r => r with { Status = RenderStatus.Queued, Image = null, ImageSha256 = null })] })
            .Write(_out.Path);
        var lines = finished.Renders.Select(r => JsonSerializer.Serialize(r, SweepManifest.LineOptions)).ToArray();
        File.WriteAllText(_out.File("sweep.journal"), $"{lines[0]}\n{lines[1]}\n{lines[2][..(lines[2].Length / 2)]}");

        using var again = new StyleTransfer();
        var resumed = new SweepRunner(again, 4).Run(plan, _out.Path);

        Assert.Equal((1, 2), (resumed.Rendered, resumed.Reused));
        Assert.False(File.Exists(_out.File("sweep.journal")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(_out.File("sweep.json")));
        Assert.All(manifest.RootElement.GetProperty("renders").EnumerateArray(), r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));
    }

    [Fact]
    public void A_journal_that_is_not_a_journal_is_ignored()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4]\n");
        Directory.CreateDirectory(_out.Path);
        File.WriteAllBytes(_out.File("sweep.journal"), [.. Encoding.UTF8.GetBytes("null\n{\"key\": 5}\n"), .. new byte[3 << 20], (byte)'\n', .. "[[[["u8]);
        using var engine = new StyleTransfer();

        Assert.Equal(1, new SweepRunner(engine, 4).Run(plan, _out.Path).Rendered);
    }

    [Fact]
    public void A_run_that_fails_after_rendering_still_leaves_sweep_json_complete()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-2]\n");
        using var engine = new StyleTransfer();

        Assert.Throws<InvalidOperationException>(() => new SweepRunner(engine, 4).Run(plan, _out.Path, new ThrowOnGrid()));

        Assert.All(SweepManifest.TryRead(_out.Path)!.Renders, r => Assert.Equal(RenderStatus.Succeeded, r.Status));
        Assert.False(File.Exists(_out.File("sweep.journal")));
    }

    public void Dispose() => _out.Dispose();

    private sealed class ThrowOnGrid : SweepObserverStub
    {
        public override void OnGridWritten(SweepGridRecord grid) => throw new InvalidOperationException("observer gone");
    }

    /// <summary>Looks at sweep.json and sweep.journal as each batch starts.</summary>
    private sealed class DirectoryWatcher(string directory) : SweepObserverStub
    {
        public List<string?> Manifests { get; } = [];

        public List<int> JournalLines { get; } = [];

        public List<long> JournalBytes { get; } = [];

        public override void OnBatchStarted(IReadOnlyList<SweepPoint> points)
        {
            var manifest = Path.Combine(directory, SweepManifest.FileName);
            Manifests.Add(File.Exists(manifest) ? File.ReadAllText(manifest) : null);
            var journal = Path.Combine(directory, "sweep.journal");
            var text = File.Exists(journal) ? File.ReadAllText(journal) : "";
            JournalLines.Add(text.Count(c => c == '\n'));
            JournalBytes.Add(text.Length);
        }
    }
}
