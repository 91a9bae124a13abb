using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Content and style targets by what determines them: image bytes, size, layers, pooling and the
/// model (weights and device). A sweep computes each distinct target once.
/// </summary>
public sealed class TargetCache : IDisposable
{
    private readonly Dictionary<string, FeatureTargets> _entries = new(StringComparer.Ordinal);

    /// <summary>Targets computed (cache misses), content and style together.</summary>
    public int Computed { get; private set; }

    /// <summary>Targets served from the cache.</summary>
    public int Reused { get; private set; }

    /// <summary>The targets for <paramref name="input"/>, computing them with <paramref name="model"/> when first asked.</summary>
    public FeatureTargets Get(Vgg19Model model, TargetKind kind, InputImage input, Func<RgbImage> readImage,
        int width, int height, PoolingKind pooling, IReadOnlyList<string> layers)
    {
        var key = string.Join('|', kind, input.Sha256, $"{width}x{height}", pooling, string.Join(',', layers),
            model.WeightsSha256, model.Device);
        if (_entries.TryGetValue(key, out var cached))
        {
            Reused++;
            return cached;
        }
        var image = readImage();
        var targets = kind == TargetKind.Content
            ? model.ComputeContentTargets(image, pooling, layers)
            : model.ComputeStyleTargets(image, pooling, layers);
        _entries[key] = targets;
        Computed++;
        return targets;
    }

    /// <summary>Frees every target (they live on the model's device) and forgets them.</summary>
    public void Clear()
    {
        foreach (var targets in _entries.Values)
        {
            targets.Dispose();
        }
        _entries.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => Clear();
}
