using NeuralStyle.Farm.Gateway.Grids;
using NeuralStyle.Farm.Gateway.Tests.Export;

namespace NeuralStyle.Farm.Gateway.Tests.Grids;

/// <summary>A farm sweep planned again as nsf sweep plans it, shown under the user's names.</summary>
public sealed class PlannedSweepTests : IDisposable
{
    private readonly TinySweep _sweep = new();

    [Fact]
    public async Task The_pages_are_planned_from_the_spec_as_nsf_sweep_plans_them()
    {
        var planned = await PlannedSweep.PlanAsync(_sweep.Document(), _sweep.Blobs, CancellationToken.None);

        Assert.Equal(2, planned.Plan.Pages.Count);
        Assert.All(planned.Plan.Pages, p => Assert.Equal(("tv_weight", "alpha_beta"), (p.Rows!.Name, p.Columns!.Name)));
        Assert.Equal(8, planned.Plan.Points.Count);
        Assert.Equal(await _sweep.Blobs.LocalPathAsync(_sweep.Contents[1], CancellationToken.None), planned.Plan.Pages[1].Content);
    }

    [Fact]
    public async Task Titles_show_the_users_file_names_and_the_sweeps_title_not_hashes()
    {
        var planned = await PlannedSweep.PlanAsync(_sweep.Document(), _sweep.Blobs, CancellationToken.None);

        var titles = planned.Plan.Pages.Select(planned.Layout.Title).ToArray();

        Assert.Equal("tiny farm sweep\nchelsea.png × brick.png   rows: tv_weight; columns: alpha_beta", titles[0]);
        Assert.StartsWith("tiny farm sweep\nhubble.png × brick.png", titles[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_without_a_name_is_shown_by_its_hash_and_a_name_with_a_line_break_stays_on_its_line()
    {
        var document = _sweep.Document() with
        {
            InputNames = new Dictionary<string, string> { [_sweep.Style] = "brick\n.png" },
        };

        var planned = await PlannedSweep.PlanAsync(document, _sweep.Blobs, CancellationToken.None);

        Assert.Equal($"tiny farm sweep\nsha256:{_sweep.Contents[0]} × brick?.png   rows: tv_weight; columns: alpha_beta",
            planned.Layout.Title(planned.Plan.Pages[0]));
    }

    [Fact]
    public async Task Settings_name_the_weights_as_the_user_named_them()
    {
        var document = _sweep.Document();
        var planned = await PlannedSweep.PlanAsync(document, _sweep.Blobs, CancellationToken.None);

        var settings = planned.SettingsOf(document.Cells[3]);

        Assert.Equal(("vgg19-random.safetensors", "content"), (settings.Weights, settings.Init));
        Assert.Equal((1.0, 1e-2, 1e-2 * 1000), (settings.TvWeight, settings.AlphaBeta, settings.ContentWeight));
    }

    [Fact]
    public async Task Cells_that_are_not_the_specs_points_are_refused()
    {
        var document = _sweep.Document();
        var missing = document with { Cells = document.Cells.Take(7).ToArray() };
        var moved = document with { Cells = [.. document.Cells.Select(c => c.Index == 2 ? c with { Column = 5 } : c)] };

        await Assert.ThrowsAsync<InvalidOperationException>(() => PlannedSweep.PlanAsync(missing, _sweep.Blobs, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => PlannedSweep.PlanAsync(moved, _sweep.Blobs, CancellationToken.None));
    }

    public void Dispose() => _sweep.Dispose();
}
