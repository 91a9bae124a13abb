using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.Tests.Sweeps;

public sealed class SweepPlannerTests
{
    private static SweepSpec Spec(string axes, string content = "c.jpg", string style = "s.jpg") =>
        SweepSpecParser.Parse($"content: {content}\nstyle: {style}\naxes:\n{axes}", "/d");

    [Fact]
    public void The_first_axis_gives_rows_the_second_columns_in_cartesian_order()
    {
        var plan = SweepPlanner.Expand(Spec("  style_layers: [[relu1_1], [relu1_1, relu2_1], [relu1_1, relu2_1, relu3_1]]\n  alpha_beta: [1e-5, 1e-4, 1e-3, 1e-2]\n"), []);

        Assert.Single(plan.Pages);
        Assert.Equal(12, plan.Points.Count);
        Assert.Equal(Enumerable.Range(0, 12), plan.Points.Select(p => p.Index));
        var point = plan.Points[6];
        Assert.Equal((1, 2), (point.Row, point.Column));
        Assert.Equal(["relu1_1", "relu2_1"], point.Request.Settings.StyleLayers);
        Assert.Equal(1e-3 * 1000, point.Request.Settings.EffectiveContentWeight, 9);
        Assert.Equal("style_layers=[relu1_1, relu2_1], alpha_beta=1e-3", point.Describe());
    }

    [Fact]
    public void Further_axes_and_several_contents_and_styles_give_pages()
    {
        var spec = Spec("  alpha_beta: [1e-4, 1e-3]\n  tv_weight: [0, 1]\n  pooling: [max, avg]\n  size: [64, 96]\n", "[a.jpg, b.jpg]", "[s.jpg, t.jpg, u.jpg]");
        var plan = SweepPlanner.Expand(spec, []);

        Assert.Equal(2 * 3 * 2 * 2, plan.Pages.Count);
        Assert.Equal(2 * 3 * 2 * 2 * 2 * 2, plan.Points.Count);
        var page = plan.Pages[5];
        Assert.Equal("/d/a.jpg", page.Content);
        Assert.Equal(["/d/t.jpg"], page.Style);
        Assert.Equal(["pooling=max", "size=96"], page.Fixed.Select(f => $"{f.Key}={f.Value}"));
        Assert.All(plan.Points.Where(p => p.Page == 5), p => Assert.Equal(96, p.Request.Settings.Size));
    }

    [Fact]
    public void A_single_axis_is_laid_out_as_one_row()
    {
        var plan = SweepPlanner.Expand(Spec("  alpha_beta: [1e-4, 1e-3, 1e-2]\n"), []);
        Assert.Null(plan.Pages[0].Rows);
        Assert.Equal(3, plan.Pages[0].ColumnCount);
        Assert.Equal([0, 1, 2], plan.Points.Select(p => p.Column));
    }

    [Fact]
    public void Settings_apply_spec_then_overrides_then_axis_values()
    {
        var spec = SweepSpecParser.Parse("content: c.jpg\nstyle: s.jpg\nsettings: {size: 64, iterations: 9}\naxes: {size: [32, 48]}\n", "/d");
        var plan = SweepPlanner.Expand(spec, [KeyValuePair.Create("iterations", SettingValue.Of("3")), KeyValuePair.Create("size", SettingValue.Of("40"))]);
        Assert.Equal([32, 48], plan.Points.Select(p => p.Request.Settings.Size));
        Assert.All(plan.Points, p => Assert.Equal(3, p.Request.Settings.Iterations));
    }

    [Fact]
    public void Every_extra_option_can_be_an_axis()
    {
        var spec = SweepSpecParser.Parse("""
            content: c.jpg
            style: [[a.jpg, b.jpg]]
            axes:
              style_scale: [0.5, 1.5]
              style_blend_weights: [[1, 0], [1, 3]]
              original_colors: [false, true]
              init: [content, noise]
              scales: [[128], [64, 128]]
            """, "/d");
        var plan = SweepPlanner.Expand(spec, []);

        Assert.Equal(32, plan.Points.Count);
        var last = plan.Points[^1].Request.Settings;
        Assert.Equal((1.5, true, "noise"), (last.StyleScale, last.OriginalColors, last.Init));
        Assert.Equal([1.0, 3.0], last.StyleBlendWeights);
        Assert.Equal([64, 128], last.Scales);
        Assert.Equal(["/d/a.jpg", "/d/b.jpg"], plan.Points[0].Request.Styles);
    }

    [Fact]
    public void A_later_source_may_give_alpha_as_the_other_setting()
    {
        var spec = SweepSpecParser.Parse("content: c.jpg\nstyle: s.jpg\nsettings: {content_weight: 5}\naxes: {alpha_beta: [1e-3]}\n", "/d");
        var plan = SweepPlanner.Expand(spec, []);
        Assert.Equal(1.0, plan.Points[0].Request.Settings.EffectiveContentWeight, 9);

        var overridden = SweepPlanner.Expand(SweepSpecParser.Parse("content: c.jpg\nstyle: s.jpg\nsettings: {alpha_beta: 1e-3}\n", "/d"),
            [KeyValuePair.Create("content_weight", SettingValue.Of("7"))]);
        Assert.Equal(7.0, overridden.Points[0].Request.Settings.EffectiveContentWeight, 9);
    }

    [Fact]
    public void Settings_are_validated_once_all_sources_applied()
    {
        var spec = SweepSpecParser.Parse("content: c.jpg\nstyle: s.jpg\nsettings: {style_layer_weights: [0.5, 0.5]}\naxes: {style_layers: [[relu1_1, relu2_1], [relu3_1, relu4_1]]}\n", "/d");
        Assert.Equal(2, SweepPlanner.Expand(spec, []).Points.Count);
    }

    [Fact]
    public void A_bad_axis_value_fails_the_whole_sweep_before_anything_renders_and_names_the_point()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepPlanner.Expand(Spec("  style_weight: [1, -5]\n"), []));
        Assert.Contains("style_weight", error.Message);
        Assert.Contains("-5", error.Message);
    }

    [Fact]
    public void A_sweep_over_the_size_limit_is_refused()
    {
        var error = Assert.Throws<SweepSpecException>(() =>
            SweepPlanner.Expand(Spec("  alpha_beta: [1, 2, 3, 4]\n  tv_weight: [1, 2, 3]\n"), [], maxRenders: 10));
        Assert.Contains("12 renders, over the limit of 10", error.Message);
    }

    [Fact]
    public void The_figure_3_preset_has_five_layer_rows_and_four_ratio_columns()
    {
        var spec = new SweepSpec(["/d/c.jpg"], [["/d/s.jpg"]], [], SweepPresets.Get("gatys-fig3"));
        var plan = SweepPlanner.Expand(spec, []);
        Assert.Equal(20, plan.Points.Count);
        Assert.Equal(["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], plan.Points[^1].Request.Settings.StyleLayers);
        Assert.Equal(1e-2 * 1000, plan.Points[^1].Request.Settings.EffectiveContentWeight, 9);
        Assert.Throws<SweepSpecException>(() => SweepPresets.Get("fig9"));
    }

    [Fact]
    public void Renders_that_differ_only_in_weights_share_a_batch_key_and_others_do_not()
    {
        var plan = SweepPlanner.Expand(Spec("  style_layers: [[relu1_1], [relu2_1]]\n  alpha_beta: [1e-4, 1e-3]\n"), []);
        var keys = plan.Points.Select(p => Engine.Rendering.BatchCompatibility.KeyOf(p.Request)).ToArray();
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(keys[2], keys[3]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    [Theory]
    [InlineData(8, 256)]
    [InlineData(9, 128)]
    public void A_product_past_the_range_of_a_long_is_refused_before_anything_is_expanded(int axisCount, int valuesPerAxis)
    {
        // 256^8 = 2^64 wrapped to 0 and 128^9 = 2^63 to a negative count: both passed --max-renders.
        var names = new[] { "style_weight", "tv_weight", "seed", "size", "iterations", "content_weight", "learning_rate", "style_scale", "save_every" };
        var values = string.Join(", ", Enumerable.Range(1, valuesPerAxis));
        var axes = $"  {names[0]}: &v [{values}]\n" + string.Concat(names.Skip(1).Take(axisCount - 1).Select(n => $"  {n}: *v\n"));
        var spec = Spec(axes);

        // Checked before expanding, so a regression fails here instead of filling memory.
        Assert.Equal(long.MaxValue, spec.RenderCount);
        var error = Assert.Throws<SweepSpecException>(() => SweepPlanner.Expand(spec, []));
        Assert.Contains("more than 2^63 (9.2e18) renders, over the limit of 1000", error.Message);
    }

    [Fact]
    public void The_render_count_is_exact_below_the_range_of_a_long()
    {
        var spec = new SweepSpec(["/c"], [["/s"]], [],
            Enumerable.Range(0, 3).Select(i => new SweepAxis($"a{i}", Enumerable.Repeat(SettingValue.Of("1"), 1 << 20).ToArray())).ToArray());
        Assert.Equal(1L << 60, spec.RenderCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(SweepSpecLimits.MaxRendersCeiling + 1)]
    public void Max_renders_outside_its_range_is_refused(int maxRenders)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepPlanner.Expand(Spec("  alpha_beta: [1]\n"), [], maxRenders));
        Assert.Contains($"--max-renders must be 1 to {SweepSpecLimits.MaxRendersCeiling}", error.Message);
    }

    [Fact]
    public void An_empty_axis_is_refused_even_when_another_axis_is_huge()
    {
        var huge = new SweepAxis("seed", Enumerable.Range(0, 100_000).Select(i => SettingValue.Of($"{i}")).ToArray());
        var spec = new SweepSpec(["/c"], [["/s"]], [], [new SweepAxis("size", [SettingValue.Of("32")]), huge, huge with { Name = "tv_weight" }, new SweepAxis("style_weight", [])]);
        var error = Assert.Throws<SweepSpecException>(() => SweepPlanner.Expand(spec, []));
        Assert.Contains("axis 'style_weight' is empty", error.Message);
    }

    [Fact]
    public void A_row_or_column_axis_longer_than_a_grid_page_holds_is_refused()
    {
        var values = Enumerable.Range(0, Engine.Grids.GridPageBounds.MaxRowsOrColumns + 1).Select(i => SettingValue.Of($"{i}")).ToArray();
        var spec = new SweepSpec(["/c"], [["/s"]], [], [new SweepAxis("seed", values)]);
        var error = Assert.Throws<SweepSpecException>(() => SweepPlanner.Expand(spec, [], SweepSpecLimits.MaxRendersCeiling));
        Assert.Contains($"more than the {Engine.Grids.GridPageBounds.MaxRowsOrColumns} rows or columns", error.Message);
    }

    [Fact]
    public void Planning_is_linear_in_the_renders_a_sweep_expands_to()
    {
        // Every point is materialised (about 1.4 KB each: 1.4 GB at the ceiling of 1,000,000);
        // 100,000 points must stay near 150 MB and a few seconds, with nothing quadratic.
        var spec = new SweepSpec(["/c"], [["/s"]], [],
            [new SweepAxis("seed", Values(1000)), new SweepAxis("tv_weight", Values(100))]);
        SweepPlan? plan = null;
        var error = Support.BoundedRun.Catching(() => plan = SweepPlanner.Expand(spec, [], 100_000),
            TimeSpan.FromSeconds(30), 256L << 20, "planning 100,000 renders");
        Assert.Null(error);
        Assert.Equal(100_000, plan!.Points.Count);
    }

    private static SettingValue[] Values(int count) => Enumerable.Range(0, count).Select(i => SettingValue.Of($"{i}")).ToArray();
}
