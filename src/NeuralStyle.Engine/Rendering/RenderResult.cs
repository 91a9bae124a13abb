using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Rendering;

/// <summary>The image a render produced (where it stopped, if cancelled) and its trace.</summary>
public sealed record RenderResult(RgbImage Image, RenderTrace Trace)
{
    /// <summary>True when the render was stopped before its last iteration.</summary>
    public bool Cancelled => Trace.Cancelled;
}
