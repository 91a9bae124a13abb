using NeuralStyle.Engine.Diagnostics;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Tests.Rendering;

[Collection(EngineCollection.Name)]
public sealed class TargetCacheTests(EngineFixture fixture) : IDisposable
{
    // relu1_1 needs one convolution: a cheap model, and a style Gram of 64 x 64 floats.
    private static readonly string[] StyleLayers = ["relu1_1"];
    private static readonly long StyleBytes = 64 * 64 * sizeof(float);

    private readonly EngineInstruments _instruments = new();
    private readonly Vgg19Model _model = Vgg19Model.Load(Vgg19Weights.Load(fixture.WeightsPath, 1), "cpu");

    private RgbImage Style => ImageFile.Read(fixture.Style32, 32, 32);

    // Distinct keys for one image: the cache keys targets by the image's hash.
    private TargetLease Get(TargetCache cache, string name) =>
        cache.Get(_model, TargetKind.Style, new InputImage(fixture.Style32, name), () => Style, 32, 32,
            PoolingKind.Max, StyleLayers);

    private FeatureTargets GetAndRelease(TargetCache cache, string name)
    {
        using var lease = Get(cache, name);
        return lease.Targets;
    }

    [Fact]
    public void The_size_of_targets_follows_the_layers_channels_and_poolings()
    {
        // relu3_2: 256 channels after two poolings; relu1_1 and relu5_1: 64 and 512 channels.
        Assert.Equal(256L * (24 >> 2) * (32 >> 2) * 4, FeatureTargets.BytesFor(TargetKind.Content, ["relu3_2"], 32, 24));
        Assert.Equal((64L * 64 + 512L * 512) * 4, FeatureTargets.BytesFor(TargetKind.Style, ["relu1_1", "relu5_1"], 32, 24));
        using var lease = Get(new TargetCache(instruments: _instruments), "a");
        Assert.Equal(StyleBytes, lease.Targets.Bytes);
    }

    [Fact]
    public void The_least_recently_used_targets_are_evicted_first_and_bytes_stay_within_the_bound()
    {
        using var cache = new TargetCache(2 * StyleBytes, _instruments);
        var a = GetAndRelease(cache, "a");
        var b = GetAndRelease(cache, "b");
        GetAndRelease(cache, "a"); // a is now the most recently used
        GetAndRelease(cache, "c");

        Assert.Equal((3, 1, 1, 2), (cache.Computed, cache.Reused, cache.Evicted, cache.Count));
        Assert.Equal(2 * StyleBytes, cache.Bytes);
        Assert.True(b.IsFreed, "b, the least recently used, was evicted and freed");
        Assert.False(a.IsFreed, "a was used after b and stays cached");
        Assert.Same(a, GetAndRelease(cache, "a"));
        var b2 = GetAndRelease(cache, "b"); // computed again; evicts c, now the least recently used
        Assert.NotSame(b, b2);
        Assert.Equal((4, 2, 2, 2 * StyleBytes), (cache.Computed, cache.Reused, cache.Evicted, cache.Bytes));
        Assert.False(a.IsFreed);
    }

    [Fact]
    public void Targets_larger_than_the_whole_bound_are_used_for_the_render_but_not_kept()
    {
        using var cache = new TargetCache(StyleBytes - 1, _instruments);
        var lease = Get(cache, "a");

        Assert.False(lease.Targets.IsFreed);
        Assert.Equal((0, 0L, 0), (cache.Count, cache.Bytes, cache.Evicted));
        lease.Dispose();
        Assert.True(lease.Targets.IsFreed, "the lease owned the uncached targets and freed them");
        GetAndRelease(cache, "a");
        Assert.Equal((2, 0), (cache.Computed, cache.Reused));
    }

    [Fact]
    public void Evicted_targets_stay_alive_while_leased_and_are_freed_when_the_last_lease_closes()
    {
        using var cache = new TargetCache(StyleBytes, _instruments);
        var first = Get(cache, "a");
        var second = Get(cache, "a");
        using var other = Get(cache, "b"); // evicts a, which two leases still use

        Assert.Equal((1, 1, StyleBytes), (cache.Evicted, cache.Count, cache.Bytes));
        Assert.False(first.Targets.IsFreed, "evicted but leased: not freed");
        first.Dispose();
        first.Dispose(); // a second close of one lease counts once
        Assert.False(second.Targets.IsFreed, "one lease is still open");
        second.Dispose();
        Assert.True(second.Targets.IsFreed, "freed when the last lease closed");
        Assert.False(other.Targets.IsFreed, "b is cached");
    }

    [Fact]
    public void Clearing_frees_unleased_targets_now_and_leased_ones_when_released()
    {
        var cache = new TargetCache(instruments: _instruments);
        var idle = GetAndRelease(cache, "a");
        var lease = Get(cache, "b");

        cache.Dispose();

        Assert.Equal((0, 0L), (cache.Count, cache.Bytes));
        Assert.True(idle.IsFreed);
        Assert.False(lease.Targets.IsFreed);
        lease.Dispose();
        Assert.True(lease.Targets.IsFreed);
    }

    [Fact]
    public void A_bound_that_holds_one_target_renders_two_scales_and_a_blend_like_an_unbounded_cache()
    {
        var settings = new RenderSettings
        {
            Weights = fixture.WeightsPath,
            Scales = [32, 48],
            Iterations = 2,
            Init = "noise",
            Seed = 5,
            StyleLayers = ["relu1_1", "relu2_1", "relu3_1"],
            ContentLayers = ["relu3_2"],
        };
        var request = new RenderRequest(fixture.Content64, [fixture.Style32, fixture.Style2_32], settings);
        // Style Grams are the largest targets here: every new target evicts the one before, even those
        // the scale is using (its content targets, the first style image's before the blend).
        var bound = FeatureTargets.BytesFor(TargetKind.Style, settings.StyleLayers, 32, 32);
        using var unbounded = new StyleTransfer(instruments: _instruments);
        using var bounded = new StyleTransfer(targetCacheBytes: bound, instruments: _instruments);

        var expected = unbounded.Render(request).Image.Pixels;
        var actual = bounded.Render(request).Image.Pixels;

        Assert.Equal(expected, actual);
        // Per scale: content, style 1, style 2, each evicting the one before.
        Assert.Equal((6, 0, 5, 1), (bounded.Targets.Computed, bounded.Targets.Reused, bounded.Targets.Evicted, bounded.Targets.Count));
        Assert.True(bounded.Targets.Bytes <= bound, $"{bounded.Targets.Bytes} bytes cached, bound {bound}");
        Assert.Equal((6, 0, 0), (unbounded.Targets.Computed, unbounded.Targets.Reused, unbounded.Targets.Evicted));
    }

    public void Dispose()
    {
        _model.Dispose();
        _instruments.Dispose();
    }
}
