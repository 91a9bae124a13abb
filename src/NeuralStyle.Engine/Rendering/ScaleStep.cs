using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// One scale of a render: the content image at that size, its targets (leased from the engine's
/// cache for the whole step, so that an eviction meanwhile cannot free them; or blended for this
/// step, which then owns and frees them), and the optimisation.
/// </summary>
internal sealed class ScaleStep : IDisposable
{
    private readonly Vgg19Model _model;
    private readonly RenderSettings _settings;
    private readonly List<TargetLease> _leases = [];
    private readonly FeatureTargets _contentTargets;
    private readonly FeatureTargets _styleTargets;
    private readonly FeatureTargets? _blended;

    public ScaleStep(StyleTransfer engine, Vgg19Model model, RenderInputs inputs, RenderSettings settings, int size)
    {
        _model = model;
        _settings = settings;
        Size = size;
        var (width, height) = ImageSizing.FitLongestSide(inputs.ContentSize.Width, inputs.ContentSize.Height, size);
        Content = ImageFile.Read(inputs.Content.Path, width, height);
        var content = Content;
        try
        {
            _contentTargets = Lease(engine.Targets.Get(model, TargetKind.Content, inputs.Content, () => content,
                width, height, settings.Pooling, settings.ContentLayers));
            var styleSize = settings.StyleSizeFor(size);
            var styles = new List<TargetLease>();
            for (var i = 0; i < inputs.Styles.Count; i++)
            {
                var style = inputs.Styles[i];
                var (w, h) = ImageSizing.FitLongestSide(inputs.StyleSizes[i].Width, inputs.StyleSizes[i].Height, styleSize);
                var lease = engine.Targets.Get(model, TargetKind.Style, style, () => ImageFile.Read(style.Path, w, h),
                    w, h, settings.Pooling, settings.StyleLayers);
                Lease(lease);
                styles.Add(lease);
            }
            if (styles.Count == 1)
            {
                _styleTargets = styles[0].Targets;
            }
            else
            {
                _blended = FeatureTargets.Blend(styles.Select(s => s.Targets).ToArray(), inputs.BlendWeights);
                _styleTargets = _blended;
                // The blend holds tensors of its own: the parts may go (and be freed if evicted meanwhile).
                foreach (var part in styles)
                {
                    part.Dispose();
                    _leases.Remove(part);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Longest side at this scale.</summary>
    public int Size { get; }

    /// <summary>The content image at this scale's size.</summary>
    public RgbImage Content { get; }

    /// <summary>
    /// Optimises one image per settings entry (a batch of one or more) from <paramref name="initials"/>
    /// for <paramref name="iterations"/> updates, bringing the images back every <paramref name="snapshotEvery"/> (0: never).
    /// </summary>
    public OptimisationOutcome Optimise(IReadOnlyList<RenderSettings> items, IReadOnlyList<RgbImage> initials,
        int iterations, int snapshotEvery, Action<OptimisationStep> onStep, CancellationToken cancellationToken)
    {
        var options = new OptimisationOptions(iterations, _settings.Optimizer, _settings.Pooling,
            _settings.EffectiveLearningRate, snapshotEvery);
        var batch = items.Select((s, b) => new OptimisationItem(s.EffectiveContentWeight, s.StyleWeight, s.TvWeight,
            s.EffectiveStyleLayerWeights, initials[b])).ToArray();
        return PixelOptimisation.Run(_model, _contentTargets, _styleTargets, options, batch, onStep, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _blended?.Dispose();
        foreach (var lease in _leases)
        {
            lease.Dispose();
        }
        _leases.Clear();
    }

    private FeatureTargets Lease(TargetLease lease)
    {
        _leases.Add(lease);
        return lease.Targets;
    }
}
