using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Every input file of a sweep checked and hashed once, before anything is written: images are
/// probed (so a missing, corrupt or gigantic one fails the sweep up front); weights files are
/// checked from their headers for every tensor the sweep needs, and hashed.
/// </summary>
internal sealed class SweepInputs
{
    private readonly Dictionary<string, InputImage> _images = [];
    private readonly Dictionary<string, string> _weights = [];

    public SweepInputs(SweepPlan plan)
    {
        foreach (var path in plan.Points.SelectMany(p => p.Request.Styles.Prepend(p.Request.Content)).Distinct())
        {
            ImageFile.Probe(path);
            _images[path] = InputImage.Of(path);
        }
        foreach (var sameWeights in plan.Points.GroupBy(p => p.Request.Settings.Weights))
        {
            var layers = sameWeights.SelectMany(p => p.Request.Settings.ContentLayers.Concat(p.Request.Settings.StyleLayers));
            Vgg19Weights.Check(sameWeights.Key, layers.Max(l => VggLayers.ConvolutionsNeededFor(VggLayers.IndexOf(l, "layers"))));
            _weights[sameWeights.Key] = Vgg19Weights.HashOf(sameWeights.Key);
        }
    }

    public string KeyOf(SweepPoint point) =>
        RenderKey.Of(point.Request.Settings, _images[point.Request.Content].Sha256,
            point.Request.Styles.Select(s => _images[s].Sha256), _weights[point.Request.Settings.Weights]);

    public SweepRenderRecord Pending(SweepPoint point, string key) =>
        new(key, point.Index, point.Page, point.Row, point.Column,
            point.Coordinates.ToDictionary(c => c.Key, c => c.Value.ToString()), RenderStatus.Pending,
            point.Request.Settings.Resolve(), _images[point.Request.Content],
            point.Request.Styles.Select(s => _images[s]).ToArray(), _weights[point.Request.Settings.Weights]);
}
