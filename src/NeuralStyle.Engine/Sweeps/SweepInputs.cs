using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Memory;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Every input file of a sweep checked and hashed once, before anything is written: images
/// (content, styles and init images) are probed, so a missing, corrupt, gigantic or non-regular
/// one fails the sweep up front rather than every render that uses it; weights files are checked
/// from their headers for every tensor the sweep needs, and hashed.
/// </summary>
internal sealed class SweepInputs
{
    private readonly Dictionary<string, InputImage> _images = [];
    private readonly Dictionary<string, (int Width, int Height)> _sizes = [];
    private readonly Dictionary<string, string> _weights = [];

    public SweepInputs(SweepPlan plan)
    {
        foreach (var path in plan.Points.SelectMany(p => ImagesOf(p.Request)).Distinct())
        {
            _sizes[path] = ImageFile.Probe(path);
            _images[path] = InputImage.Of(path);
        }
        foreach (var sameWeights in plan.Points.GroupBy(p => p.Request.Settings.Weights))
        {
            var layers = sameWeights.SelectMany(p => p.Request.Settings.ContentLayers.Concat(p.Request.Settings.StyleLayers));
            Vgg19Weights.Check(sameWeights.Key, layers.Max(l => VggLayers.ConvolutionsNeededFor(VggLayers.IndexOf(l, "layers"))));
            _weights[sameWeights.Key] = Vgg19Weights.HashOf(sameWeights.Key);
        }
    }

    public string KeyOf(SweepPoint point)
    {
        var request = point.Request;
        return RenderKey.Of(request.Settings, _images[request.Content].Sha256, request.Styles.Select(s => _images[s].Sha256),
            InitImage(request.Settings) is { } init ? _images[init].Sha256 : null, _weights[request.Settings.Weights]);
    }

    public SweepRenderRecord Pending(SweepPoint point, string key) =>
        new(key, point.Index, point.Page, point.Row, point.Column,
            point.Coordinates.ToDictionary(c => c.Key, c => c.Value.ToString()), RenderStatus.Queued,
            point.Request.Settings.Resolve(), _images[point.Request.Content],
            point.Request.Styles.Select(s => _images[s]).ToArray(), _weights[point.Request.Settings.Weights]);

    private static IEnumerable<string> ImagesOf(RenderRequest request) =>
        InitImage(request.Settings) is { } init ? [request.Content, .. request.Styles, init] : [request.Content, .. request.Styles];

    /// <summary>The path <c>init</c> names, or null for content, noise and style.</summary>
    private static string? InitImage(RenderSettings settings) =>
        settings.Init is "content" or "noise" or "style" ? null : settings.Init;

    /// <summary>The peak memory of <paramref name="batch"/> renders like <paramref name="point"/>, from its content image's size.</summary>
    public MemoryEstimate MemoryOf(SweepPoint point, int batch)
    {
        var (width, height) = _sizes[point.Request.Content];
        return RenderMemory.Estimate(point.Request.Settings, width, height, batch);
    }

    /// <summary>
    /// Refuses the sweep before anything is written when one of its renders cannot fit its device
    /// even on its own (batches are made smaller to fit; a single render cannot be).
    /// </summary>
    public void RequireMemory(SweepPlan plan, StyleTransfer engine)
    {
        // The largest render on each device decides: if it fits, every other does. One check a device,
        // not one reading of /proc and the cgroup per point.
        var largest = plan.Points.Select(point => (Point: point, Memory: MemoryOf(point, 1)))
            .GroupBy(p => p.Point.Request.Settings.Device)
            .Select(device => device.MaxBy(p => p.Memory.RenderBytes));
        foreach (var (point, memory) in largest)
        {
            try
            {
                engine.RequireFits(memory, point.Request.Settings, 1);
            }
            catch (InsufficientDeviceMemoryException e)
            {
                throw new InsufficientDeviceMemoryException($"at {point.Describe()}: {e.Message}");
            }
        }
    }
}
