using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Everything that made a render and how its losses went: the <c>--report</c> contract other
/// tools read. Serialised by <see cref="RenderTraceJson"/>.
/// </summary>
public sealed record RenderTrace(
    RenderSettings Settings,
    string WeightsSha256,
    InputImage Content,
    IReadOnlyList<InputImage> Styles,
    string Device,
    int Width,
    int Height,
    bool Cancelled,
    double Seconds,
    IReadOnlyList<IterationLosses> Iterations)
{
    /// <summary>The losses of the result.</summary>
    public IterationLosses Final => Iterations[^1];
}
