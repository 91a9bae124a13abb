using NeuralStyle.Engine.Memory;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

/// <summary>A sweep asks the memory estimate before it writes anything, and batches only what fits.</summary>
[Collection(EngineCollection.Name)]
public sealed class SweepMemoryTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    [Fact]
    public void A_sweep_with_a_render_that_cannot_fit_is_refused_before_anything_is_written()
    {
        var plan = SweepTestPlans.Plan(fixture, "  size: [32, 256]\n");
        using var engine = new StyleTransfer(memoryLimit: EstimateOf(plan.Points[0], 1).RenderBytes + (1L << 20));
        var directory = Path.Combine(_out.Path, "sweep");

        var e = Assert.Throws<InsufficientDeviceMemoryException>(() => new SweepRunner(engine, 4).Run(plan, directory));

        Assert.StartsWith("at size=256: this render needs about", e.Message);
        Assert.False(Directory.Exists(directory));
        Assert.Equal(0, engine.ModelLoads);
    }

    [Fact]
    public void Batches_are_made_as_small_as_the_memory_limit_needs()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-5, 1e-4, 1e-3, 1e-2]\n", iterations: 1);
        using var engine = new StyleTransfer(memoryLimit: EstimateOf(plan.Points[0], 2).RenderBytes);

        var outcome = new SweepRunner(engine, batchSize: 4).Run(plan, _out.Path);

        Assert.Equal(4, outcome.Rendered);
        Assert.All(outcome.Manifest.Renders, r => Assert.Equal(2, r.BatchSize));
    }

    [Fact]
    public void A_grid_page_that_cannot_be_written_is_reported_and_the_other_pages_are_still_written()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4]\n  style_weight: [10]\n  seed: [1, 2]\n", iterations: 1);
        // A directory where the first page's file should go: its rename fails, as a full or read-only disk would.
        Directory.CreateDirectory(Path.Combine(_out.Path, SweepFiles.Grid(plan.Pages[0])));
        using var engine = new StyleTransfer();

        var outcome = new SweepRunner(engine, 4).Run(plan, _out.Path);

        Assert.Equal(2, outcome.Rendered);
        Assert.StartsWith(SweepFiles.Grid(plan.Pages[0]) + ": ", Assert.Single(outcome.GridErrors));
        var written = Assert.Single(outcome.Manifest.Grids);
        Assert.True(File.Exists(Path.Combine(_out.Path, written.File)));
        Assert.Equal(2, SweepManifest.TryRead(_out.Path)!.Renders.Count);
    }

    [Fact]
    public void A_grid_pages_file_name_stays_short_whatever_the_input_names()
    {
        var name = new string('x', 240) + "é.png";
        var page = new GridPage(0, "/in/" + name, Enumerable.Repeat("/in/" + name, 12).ToArray(), [], null, null);

        var file = SweepFiles.Grid(page);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(file) <= 160, file);
        Assert.Matches("^grid-01-x{40}-[x+]+12styles\\.png$", file);
    }

    private static MemoryEstimate EstimateOf(SweepPoint point, int batch) => RenderMemory.Estimate(point.Request.Settings, 32, 24, batch);

    public void Dispose() => _out.Dispose();
}
