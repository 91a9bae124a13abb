using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Rendering;

/// <summary>style_scale, style blends, original_colors, init from an image, and multi-scale schedules.</summary>
[Collection(EngineCollection.Name)]
public sealed class OptionsTests(EngineFixture fixture)
{
    private RenderSettings Tiny => new()
    {
        Weights = fixture.WeightsPath,
        Size = 32,
        Iterations = 3,
        StyleLayers = ["relu1_1", "relu2_1", "relu3_1"],
        ContentLayers = ["relu2_2"],
    };

    private RenderResult Render(RenderSettings settings, params string[] styles)
    {
        using var engine = new StyleTransfer();
        return engine.Render(new RenderRequest(fixture.Content32, styles.Length == 0 ? [fixture.Style32] : styles, settings));
    }

    [Fact]
    public void Style_scale_changes_the_style_targets_and_so_the_style_loss()
    {
        var plain = Render(Tiny with { Iterations = 1 }).Trace.Iterations[0];
        var scaled = Render(Tiny with { Iterations = 1, StyleScale = 2 }).Trace.Iterations[0];
        Assert.Equal(plain.Content, scaled.Content);
        Assert.NotEqual(plain.Style, scaled.Style, 6);
    }

    [Fact]
    public void A_blend_weighted_wholly_to_one_style_equals_that_style_alone_and_an_even_blend_differs()
    {
        var alone = Render(Tiny).Trace.Final;
        var blendA = Render(Tiny with { StyleBlendWeights = [1, 0] }, fixture.Style32, fixture.Style2_32).Trace.Final;
        var even = Render(Tiny, fixture.Style32, fixture.Style2_32).Trace.Final;

        Assert.Equal(alone.Total, blendA.Total, alone.Total * 1e-5);
        Assert.NotEqual(alone.Total, even.Total, 3);
    }

    [Fact]
    public void Blend_weights_are_relative()
    {
        var even = Render(Tiny, fixture.Style32, fixture.Style2_32).Trace.Final;
        var doubled = Render(Tiny with { StyleBlendWeights = [2, 2] }, fixture.Style32, fixture.Style2_32).Trace.Final;
        Assert.Equal(even.Total, doubled.Total);
    }

    [Fact]
    public void A_blend_needs_one_weight_per_style()
    {
        using var engine = new StyleTransfer();
        var error = Assert.Throws<InvalidSettingException>(() => engine.Render(
            new RenderRequest(fixture.Content32, [fixture.Style32, fixture.Style2_32], Tiny with { StyleBlendWeights = [1, 2, 3] })));
        Assert.Contains("3 weights for 2 style images", error.Message);
    }

    [Fact]
    public void Original_colors_keep_the_content_chroma_and_the_stylised_luminance()
    {
        var stylised = Render(Tiny with { Init = "noise" }).Image;
        var kept = Render(Tiny with { Init = "noise", OriginalColors = true }).Image;
        var content = ImageFile.Read(fixture.Content32, 32, 24);

        var (lumaS, _, _) = Ycc(stylised);
        var (lumaK, cbK, crK) = Ycc(kept);
        var (_, cbC, crC) = Ycc(content);
        Assert.True(MeanAbs(lumaS, lumaK) < 0.02, "luminance comes from the stylised image");
        Assert.True(MeanAbs(cbK, cbC) < 0.02 && MeanAbs(crK, crC) < 0.02, "chroma comes from the content image");
        Assert.True(MeanAbs(Ycc(stylised).Cb, cbC) > MeanAbs(cbK, cbC), "without the option the chroma differs more");
    }

    [Fact]
    public void Init_from_an_image_starts_there()
    {
        var fromContent = Render(Tiny with { Iterations = 1 }).Trace.Iterations[0];
        var fromContentFile = Render(Tiny with { Iterations = 1, Init = fixture.Content32 }).Trace.Iterations[0];
        var fromOther = Render(Tiny with { Iterations = 1, Init = fixture.Style2_32 }).Trace.Iterations[0];

        Assert.Equal(0, fromContent.Content);
        Assert.Equal(fromContent.Total, fromContentFile.Total);
        Assert.True(fromOther.Content > 0);
    }

    [Fact]
    public void A_multi_scale_render_starts_each_scale_from_the_previous_result()
    {
        var progress = new List<RenderProgress>();
        using var engine = new StyleTransfer();
        var result = engine.Render(new RenderRequest(fixture.Content32, [fixture.Style32], Tiny with { Scales = [32, 48] }), progress.Add);

        Assert.Equal((48, 36), (result.Image.Width, result.Image.Height));
        Assert.Equal([32, 32, 32, 32, 48, 48, 48, 48], result.Trace.Iterations.Select(i => i.Scale!.Value));
        Assert.Equal([0, 1, 2, 3, 3, 4, 5, 6], result.Trace.Iterations.Select(i => i.Iteration));
        Assert.Equal(6, progress[^1].TotalIterations);
        // The second scale starts from the first's result, not from the content: its content loss is not zero.
        Assert.True(result.Trace.Iterations[4].Content > 0);
        Assert.Equal(48, result.Trace.Settings.Size);
    }

    private static (float[] Y, float[] Cb, float[] Cr) Ycc(RgbImage image)
    {
        var n = image.PlaneLength;
        var p = image.Pixels;
        var y = new float[n];
        var cb = new float[n];
        var cr = new float[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = 0.299f * p[i] + 0.587f * p[n + i] + 0.114f * p[2 * n + i];
            cb[i] = -0.168736f * p[i] - 0.331264f * p[n + i] + 0.5f * p[2 * n + i];
            cr[i] = 0.5f * p[i] - 0.418688f * p[n + i] - 0.081312f * p[2 * n + i];
        }
        return (y, cb, cr);
    }

    private static double MeanAbs(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
}
