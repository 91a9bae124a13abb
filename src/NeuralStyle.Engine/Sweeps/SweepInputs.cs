using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Every input file of a sweep checked and hashed once, before anything is written: images are
/// probed (so a missing, corrupt or gigantic one fails the sweep up front) and weights hashed.
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
        foreach (var path in plan.Points.Select(p => p.Request.Settings.Weights).Distinct())
        {
            SafetensorsFile.Open(path);
            _weights[path] = Vgg19Weights.HashOf(path);
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
