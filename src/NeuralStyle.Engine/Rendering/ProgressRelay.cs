using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Copies one native progress report into managed records for the observer, with each image's
/// total multiplied back by its <see cref="OptimisationItem.LossScale"/> (in double, so a total
/// past float32's range is still reported).
/// </summary>
internal sealed unsafe class ProgressRelay(
    Action<OptimisationStep>? onStep,
    CancellationToken cancellationToken,
    IReadOnlyList<string> contentLayers,
    IReadOnlyList<string> styleLayers,
    int width,
    int height,
    IReadOnlyList<double> lossScales)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>An exception the observer threw; the run stops and rethrows it.</summary>
    public Exception? Failure { get; set; }

    public void Report(NativeProgress* p)
    {
        if (onStep is null)
        {
            return;
        }
        var losses = new IterationLosses[p->Batch];
        for (var b = 0; b < p->Batch; b++)
        {
            losses[b] = new IterationLosses(
                p->Iteration, p->Total[b] * lossScales[b], p->Content[b], p->Style[b], p->Tv[b],
                PerLayer(contentLayers, p->ContentLayers + b * p->ContentLayerCount),
                PerLayer(styleLayers, p->StyleLayers + b * p->StyleLayerCount),
                p->Seconds);
        }
        RgbImage[]? snapshots = null;
        if (p->Image != null)
        {
            var plane = 3 * width * height;
            snapshots = new RgbImage[p->Batch];
            for (var b = 0; b < p->Batch; b++)
            {
                snapshots[b] = new RgbImage(width, height, new ReadOnlySpan<float>(p->Image + b * plane, plane).ToArray());
            }
        }
        onStep(new OptimisationStep(p->Iteration, losses, snapshots));
    }

    private static Dictionary<string, double> PerLayer(IReadOnlyList<string> layers, float* values)
    {
        var result = new Dictionary<string, double>(layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            result[layers[i]] = values[i];
        }
        return result;
    }
}
