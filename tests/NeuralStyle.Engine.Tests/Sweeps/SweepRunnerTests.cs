using System.Diagnostics;
using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;
using Xunit.Abstractions;

namespace NeuralStyle.Engine.Tests.Sweeps;

[Collection(EngineCollection.Name)]
public sealed class SweepRunnerTests(EngineFixture fixture, ITestOutputHelper log) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    private SweepPlan Plan(string axes, string extraSettings = "", int iterations = 3) =>
        SweepTestPlans.Plan(fixture, axes, extraSettings, iterations);

    [Fact]
    public void A_figure_3_sweep_renders_every_cell_loads_vgg_once_and_computes_each_target_once()
    {
        var plan = SweepPlanner.Expand(new SweepSpec([fixture.Content32], [[fixture.Style32]],
            [KeyValuePair.Create("size", SettingValue.Of("32")), KeyValuePair.Create("iterations", SettingValue.Of("3")),
             KeyValuePair.Create("weights", SettingValue.Of(fixture.WeightsPath))], SweepPresets.Get("gatys-fig3")), []);
        using var engine = new StyleTransfer();
        var clock = Stopwatch.StartNew();

        var outcome = new SweepRunner(engine, batchSize: 4).Run(plan, _out.Path);

        log.WriteLine($"figure-3 sweep, 20 renders at 32 px x 3 iterations: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(20, outcome.Rendered);
        Assert.All(outcome.Manifest.Renders, r => Assert.Equal(RenderStatus.Succeeded, r.Status));
        Assert.All(outcome.Manifest.Renders, r => Assert.True(File.Exists(Path.Combine(_out.Path, r.Image!))));
        Assert.Equal(1, outcome.Manifest.ModelLoads);
        // One content target; one style target per layer set (rows): each computed once, then reused.
        Assert.Equal(1 + 5, outcome.Manifest.TargetsComputed);
        Assert.Equal(5 * 2 - 6, outcome.Manifest.TargetsReused);
        Assert.All(outcome.Manifest.Renders, r => Assert.Equal(4, r.BatchSize));
        var grid = Assert.Single(outcome.Manifest.Grids);
        Assert.Equal("style_layers", grid.Rows!.Axis);
        Assert.Equal(["1e-5", "1e-4", "1e-3", "1e-2"], grid.Columns!.Values);
        Assert.True(File.Exists(Path.Combine(_out.Path, grid.File)));
        Assert.NotNull(SweepManifest.TryRead(_out.Path));
    }

    [Fact]
    public void Each_grid_tile_is_pixel_for_pixel_its_render()
    {
        using var engine = new StyleTransfer();
        var outcome = new SweepRunner(engine, 4).Run(Plan("  style_layers: [[relu1_1], [relu2_1]]\n  alpha_beta: [1e-4, 1e-2]\n"), _out.Path);

        var grid = outcome.Manifest.Grids[0];
        Assert.Equal(4, grid.Cells.Count);
        AssertTilesAreTheirRenders(outcome.Manifest, grid);
    }

    [Fact]
    public void Running_again_renders_only_what_is_missing_or_failed()
    {
        var plan = Plan("  alpha_beta: [1e-4, 1e-3, 1e-2]\n");
        using (var engine = new StyleTransfer())
        {
            Assert.Equal(3, new SweepRunner(engine, 1).Run(plan, _out.Path).Rendered);
        }
        using (var engine = new StyleTransfer())
        {
            var again = new SweepRunner(engine, 1).Run(plan, _out.Path);
            Assert.Equal((0, 3), (again.Rendered, again.Reused));
            Assert.Equal(0, engine.Targets.Computed);
            File.Delete(Path.Combine(_out.Path, again.Manifest.Renders[1].Image!));
        }
        using (var engine = new StyleTransfer())
        {
            var third = new SweepRunner(engine, 1).Run(plan, _out.Path);
            Assert.Equal((1, 2), (third.Rendered, third.Reused));
            Assert.Equal(3, Directory.GetFiles(Path.Combine(_out.Path, "renders")).Length);
        }
    }

    [Fact]
    public void A_failed_render_is_recorded_and_marked_in_the_grid_without_stopping_the_sweep()
    {
        var plan = Plan("  alpha_beta: [1e-4, 1e-3, 1e-2]\n");
        using var engine = new StyleTransfer();

        var outcome = new SweepRunner(engine, 4).Run(plan, _out.Path, new ThrowingOn(1));

        Assert.Equal(1, outcome.Failed);
        Assert.Equal([RenderStatus.Succeeded, RenderStatus.Failed, RenderStatus.Succeeded], outcome.Manifest.Renders.Select(r => r.Status));
        Assert.Contains("render 1 is broken", outcome.Manifest.Renders[1].Error);
        var grid = outcome.Manifest.Grids[0];
        var cell = grid.Cells.Single(c => c.Status == RenderStatus.Failed);
        var gridPath = Path.Combine(_out.Path, grid.File);
        var (width, height) = ImageFile.Probe(gridPath);
        var page = ImageFile.Read(gridPath, width, height);
        var corner = (cell.Y + cell.Height - 2) * width + cell.X + cell.Width - 2;
        Assert.Equal(Rgb.FailedFill.R / 255f, page.Pixels[corner], 3);
        Assert.Equal(Rgb.FailedFill.G / 255f, page.Pixels[page.PlaneLength + corner], 3);

        using var again = new StyleTransfer();
        var retried = new SweepRunner(again, 4).Run(plan, _out.Path, new ThrowingOn(1));
        Assert.Equal((0, 2, 1), (retried.Rendered, retried.Reused, retried.Failed));
    }

    [Fact]
    public void Any_exception_from_a_render_or_its_observer_fails_only_that_render_and_removes_its_snapshots()
    {
        var plan = Plan("  alpha_beta: [1e-4, 1e-3, 1e-2]\n", ", save_every: 1", iterations: 3);
        using var engine = new StyleTransfer();

        var outcome = new SweepRunner(engine, 4).Run(plan, _out.Path, new ThrowingOn(1, atIteration: 2));

        Assert.Equal((2, 1, false), (outcome.Rendered, outcome.Failed, outcome.Cancelled));
        var failed = outcome.Manifest.Renders[1];
        Assert.Equal(RenderStatus.Failed, failed.Status);
        Assert.Equal("unexpected InvalidOperationException: render 1 is broken", failed.Error);
        var files = Directory.GetFiles(Path.Combine(_out.Path, "renders")).Select(Path.GetFileName).ToArray();
        var failedStem = SweepFiles.RenderImage(failed.Key)["renders/".Length..^".png".Length];
        Assert.DoesNotContain(files, f => f!.StartsWith(failedStem, StringComparison.Ordinal));
        foreach (var done in new[] { outcome.Manifest.Renders[0], outcome.Manifest.Renders[2] })
        {
            var stem = Path.GetFileNameWithoutExtension(done.Image!);
            Assert.Equal([$"{stem}.iter0000.png", $"{stem}.iter0001.png", $"{stem}.iter0002.png", $"{stem}.png"],
                files.Where(f => f!.StartsWith(stem, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_device_axis_renders_on_every_device_it_names_rather_than_copying_the_first()
    {
        var cuda = EngineRuntime.Describe().GetProperty("cuda_available").GetBoolean();
        using var engine = new StyleTransfer();

        var outcome = new SweepRunner(engine, 4).Run(Plan("  device: [cpu, cuda]\n"), _out.Path);

        var (cpuCell, cudaCell) = (outcome.Manifest.Renders[0], outcome.Manifest.Renders[1]);
        Assert.Equal(cpuCell.Key, cudaCell.Key);
        Assert.Equal(RenderStatus.Succeeded, cpuCell.Status);
        if (!cuda)
        {
            Assert.Equal(RenderStatus.Failed, cudaCell.Status);
            Assert.Contains("cuda", cudaCell.Error, StringComparison.OrdinalIgnoreCase);
            // The failed cell must not take the cpu render's image away from it.
            Assert.True(File.Exists(Path.Combine(_out.Path, cpuCell.Image!)));
            Assert.Equal((1, 1), (outcome.Rendered, outcome.Failed));
        }
        else
        {
            Assert.Equal((RenderStatus.Succeeded, 2), (cudaCell.Status, outcome.Rendered));
        }
    }

    [Fact]
    public void An_interrupted_sweep_keeps_what_it_finished_and_marks_the_rest()
    {
        var plan = Plan("  alpha_beta: [1e-4, 1e-3, 1e-2]\n", iterations: 20);
        using var engine = new StyleTransfer();
        using var cancel = new CancellationTokenSource();
        var observer = new CancelOnSecondRender(cancel);

        var outcome = new SweepRunner(engine, 1).Run(plan, _out.Path, observer, cancel.Token);

        Assert.True(outcome.Cancelled);
        Assert.Equal(RenderStatus.Succeeded, outcome.Manifest.Renders[0].Status);
        Assert.Equal(RenderStatus.Cancelled, outcome.Manifest.Renders[1].Status);
        Assert.Equal(RenderStatus.Queued, outcome.Manifest.Renders[2].Status);
        Assert.Single(Directory.GetFiles(Path.Combine(_out.Path, "renders")));
    }

    [Fact]
    public void Tiles_of_other_sizes_are_centred_and_their_rectangles_say_where()
    {
        using var engine = new StyleTransfer();
        var outcome = new SweepRunner(engine, 4).Run(Plan("  size: [32, 48]\n"), _out.Path);

        var grid = outcome.Manifest.Grids[0];
        var small = grid.Cells.Single(c => c.Column == 0);
        var large = grid.Cells.Single(c => c.Column == 1);
        Assert.Equal((32, 24, 48, 36), (small.Width, small.Height, large.Width, large.Height));
        Assert.Equal(large.Y + (36 - 24) / 2, small.Y);
        AssertTilesAreTheirRenders(outcome.Manifest, grid);
    }

    [Fact]
    public void The_same_render_written_twice_is_rendered_once_and_fills_both_cells_on_every_run()
    {
        var plan = Plan("  alpha_beta: [1e-3, 0.001, 1e-2]\n");
        for (var run = 0; run < 2; run++)
        {
            using var engine = new StyleTransfer();
            var outcome = new SweepRunner(engine, 4).Run(plan, _out.Path);

            Assert.Equal(run == 0 ? 2 : 0, outcome.Rendered);
            Assert.All(outcome.Manifest.Renders, r => Assert.Equal(RenderStatus.Succeeded, r.Status));
            Assert.Equal(outcome.Manifest.Renders[0].Image, outcome.Manifest.Renders[1].Image);
            Assert.Equal([0, 1, 2], outcome.Manifest.Renders.Select(r => r.Column));
        }
    }

    [Fact]
    public void Save_every_keeps_intermediate_images_beside_each_render()
    {
        using var engine = new StyleTransfer();
        var outcome = new SweepRunner(engine, 4).Run(Plan("  alpha_beta: [1e-3, 1e-2]\n", ", save_every: 2", iterations: 4), _out.Path);

        var stem = Path.GetFileNameWithoutExtension(outcome.Manifest.Renders[0].Image!);
        var files = Directory.GetFiles(Path.Combine(_out.Path, "renders")).Select(Path.GetFileName).ToArray();
        Assert.Contains($"{stem}.iter0002.png", files);
        Assert.Contains($"{stem}.iter0000.png", files);
        Assert.DoesNotContain($"{stem}.iter0004.png", files);
        Assert.Contains("\"snapshot\"", PngText.Read(Path.Combine(_out.Path, "renders", $"{stem}.iter0002.png"))[RenderMetadata.Key]);
    }

    [Fact]
    public void Weights_missing_a_layer_the_sweep_needs_fail_before_anything_is_written()
    {
        var partial = Path.Combine(_out.Path, "partial.safetensors");
        var first = Engine.Layers.VggLayers.Convolutions[0];
        Engine.Weights.SafetensorsWriter.Write(partial, [(first.WeightKey, [64, 3, 3, 3], new float[first.WeightLength]), (first.BiasKey, [64], new float[64])]);
        var plan = SweepPlanner.Expand(SweepSpecParser.Parse(
            $"content: {fixture.Content32}\nstyle: {fixture.Style32}\nsettings: {{size: 32, iterations: 1, weights: {partial}}}\n", "/"), []);
        var target = Path.Combine(_out.Path, "sweep");

        using var engine = new StyleTransfer();
        var error = Assert.Throws<WeightsFileException>(() => new SweepRunner(engine, 4).Run(plan, target));
        Assert.Contains("features.2.weight", error.Message);
        Assert.False(Directory.Exists(target));
    }

    /// <summary>Every cell's rectangle in the grid page holds exactly its render's pixels, in all three channels.</summary>
    private void AssertTilesAreTheirRenders(SweepManifest manifest, SweepGridRecord grid)
    {
        var gridPath = Path.Combine(_out.Path, grid.File);
        var (width, height) = ImageFile.Probe(gridPath);
        var page = ImageFile.Read(gridPath, width, height);
        foreach (var cell in grid.Cells)
        {
            var render = manifest.Renders.Single(r => r.Key == cell.Key);
            var tile = ImageFile.Read(Path.Combine(_out.Path, render.Image!), cell.Width, cell.Height);
            Assert.Equal(ImageFile.Probe(Path.Combine(_out.Path, render.Image!)), (cell.Width, cell.Height));
            for (var c = 0; c < 3; c++)
            {
                for (var y = 0; y < tile.Height; y++)
                {
                    for (var x = 0; x < tile.Width; x++)
                    {
                        Assert.Equal(tile.Pixels[c * tile.PlaneLength + y * tile.Width + x],
                            page.Pixels[c * page.PlaneLength + (cell.Y + y) * width + cell.X + x]);
                    }
                }
            }
        }
    }

    public void Dispose() => _out.Dispose();

    private sealed class CancelOnSecondRender(CancellationTokenSource cancel) : SweepObserverStub
    {
        private int _batches;

        public override void OnBatchStarted(IReadOnlyList<SweepPoint> points) => _batches++;

        public override void OnIteration(SweepPoint point, RenderProgress progress)
        {
            if (_batches == 2 && progress.Iteration == 2)
            {
                cancel.Cancel();
            }
        }
    }

    /// <summary>Throws what no engine code throws, from inside the render of one point.</summary>
    private sealed class ThrowingOn(int index, int atIteration = 0) : SweepObserverStub
    {
        public override void OnIteration(SweepPoint point, RenderProgress progress)
        {
            if (point.Index == index && progress.Iteration == atIteration)
            {
                throw new InvalidOperationException($"render {index} is broken");
            }
        }
    }
}
