using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Engine.Farm;

/// <summary>
/// Between the engine's renders and the farm's portable form. To it: settings resolved (every
/// derived value explicit) and inputs named by their hashes, so the render means the same on any
/// machine and any later version. From it: hashes turned into local files by a resolver (a blob
/// store), the worker's device filled in, and the engine's own validation run. A portable render's
/// <see cref="PortableRender.Key"/> equals <see cref="Sweeps.RenderKey.Of"/> of either side, except
/// for a render that starts from another (<c>start_from</c>): its request names the start image's
/// local file, so the farm keys it by <see cref="PortableRender.Key"/> alone.
/// </summary>
public static class PortableRenders
{
    /// <summary>
    /// The portable form of a render with these settings and input hashes (<paramref name="initSha256"/>
    /// is the init image's hash when <c>init</c> names a file, else null). Device, weights path and
    /// init path are left behind. A broken contract (a malformed hash, a file init without its hash)
    /// is an <see cref="InvalidSettingException"/>.
    /// </summary>
    public static PortableRender ToPortable(RenderSettings settings, string contentSha256, IReadOnlyList<string> styleSha256s,
        string? initSha256, string weightsSha256)
    {
        var keyword = settings.Init is "content" or "noise" or "style";
        if (keyword == initSha256 is not null)
        {
            throw new InvalidSettingException("init", keyword
                ? $"is {settings.Init}, which names no image, yet an init image hash was given"
                : $"'{settings.Init}' names an image file but its SHA-256 was not given");
        }
        var r = settings.Resolve();
        var render = new PortableRender
        {
            Content = contentSha256,
            Styles = styleSha256s.ToArray(),
            Weights = weightsSha256,
            Settings = new PortableSettings
            {
                ContentWeight = r.ContentWeight,
                StyleWeight = r.StyleWeight,
                AlphaBeta = r.AlphaBeta,
                TvWeight = r.TvWeight,
                ContentLayers = r.ContentLayers.ToArray(),
                StyleLayers = r.StyleLayers.ToArray(),
                StyleLayerWeights = r.StyleLayerWeights?.ToArray(),
                Size = r.Size,
                Iterations = r.Iterations,
                Optimizer = To(r.Optimizer),
                LearningRate = r.LearningRate,
                Init = keyword ? r.Init : PortableSettings.InitImagePrefix + initSha256,
                Pooling = To(r.Pooling),
                Seed = r.Seed,
                SaveEvery = r.SaveEvery,
                StyleScale = r.StyleScale,
                StyleBlendWeights = r.StyleBlendWeights?.ToArray(),
                OriginalColors = r.OriginalColors,
                Scales = r.Scales?.ToArray(),
            },
        };
        RequireValid(render);
        return render;
    }

    /// <summary>
    /// The engine's request for <paramref name="render"/> on <paramref name="device"/>:
    /// <paramref name="pathOf"/> gives the local file of each input hash (content, styles, weights,
    /// an init image), <paramref name="startImagePath"/> the local file of the image a render
    /// starts from (needed only when it has <see cref="PortableRender.StartFrom"/>). The settings
    /// are validated as the engine validates any settings (<see cref="InvalidSettingException"/>).
    /// </summary>
    public static RenderRequest ToRequest(PortableRender render, Func<string, string> pathOf, string device,
        Func<RenderStart, string>? startImagePath = null)
    {
        RequireValid(render);
        var s = render.Settings;
        var init = render.StartFrom is { } start
            ? startImagePath?.Invoke(start)
                ?? throw new InvalidSettingException("start_from", $"starts from render {start.Key} at iteration {start.Iteration}, but no image of it was supplied")
            : s.InitImageSha256 is { } initSha256 ? pathOf(initSha256) : s.Init;
        var settings = new RenderSettings
        {
            ContentWeight = s.ContentWeight,
            StyleWeight = s.StyleWeight,
            AlphaBeta = s.AlphaBeta,
            TvWeight = s.TvWeight,
            ContentLayers = s.ContentLayers.ToArray(),
            StyleLayers = s.StyleLayers.ToArray(),
            StyleLayerWeights = s.StyleLayerWeights?.ToArray(),
            Size = s.Size,
            Iterations = s.Iterations,
            Optimizer = From(s.Optimizer),
            LearningRate = s.LearningRate,
            Init = init,
            Pooling = From(s.Pooling),
            Seed = s.Seed,
            Device = device,
            SaveEvery = s.SaveEvery,
            Weights = pathOf(render.Weights),
            StyleScale = s.StyleScale,
            StyleBlendWeights = s.StyleBlendWeights?.ToArray(),
            OriginalColors = s.OriginalColors,
            Scales = s.Scales?.ToArray(),
        };
        RenderSettingsValidator.Validate(settings);
        return new RenderRequest(pathOf(render.Content), render.Styles.Select(pathOf).ToArray(), settings);
    }

    /// <summary>The engine's exception for the first problem, so the CLI and workers report it like any bad setting.</summary>
    private static void RequireValid(PortableRender render)
    {
        if (render.Problems() is [var first, ..])
        {
            throw new InvalidSettingException(first.Field, first.Message);
        }
    }

    private static PortableOptimizer To(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Lbfgs => PortableOptimizer.Lbfgs,
        OptimizerKind.Adam => PortableOptimizer.Adam,
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "unknown optimizer"),
    };

    private static OptimizerKind From(PortableOptimizer optimizer) => optimizer switch
    {
        PortableOptimizer.Lbfgs => OptimizerKind.Lbfgs,
        PortableOptimizer.Adam => OptimizerKind.Adam,
        _ => throw new InvalidSettingException("optimizer", $"{optimizer} is not lbfgs or adam"),
    };

    private static PortablePooling To(PoolingKind pooling) => pooling switch
    {
        PoolingKind.Max => PortablePooling.Max,
        PoolingKind.Avg => PortablePooling.Avg,
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "unknown pooling"),
    };

    private static PoolingKind From(PortablePooling pooling) => pooling switch
    {
        PortablePooling.Max => PoolingKind.Max,
        PortablePooling.Avg => PoolingKind.Avg,
        _ => throw new InvalidSettingException("pooling", $"{pooling} is not max or avg"),
    };
}
