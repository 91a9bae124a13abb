using NeuralStyle.Engine.Native;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>Targets resident on the model's device; computed once and shared by every render that matches them.</summary>
public sealed unsafe class FeatureTargets : IDisposable
{
    internal FeatureTargets(TargetsHandle handle, TargetKind kind, IReadOnlyList<string> layers, PoolingKind pooling,
        int width, int height)
    {
        Handle = handle;
        Kind = kind;
        Layers = layers;
        Pooling = pooling;
        Width = width;
        Height = height;
    }

    internal TargetsHandle Handle { get; }

    /// <summary>Content features or style Grams.</summary>
    public TargetKind Kind { get; }

    /// <summary>The layers, in the order the engine reports their losses.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>The pooling the features were computed with.</summary>
    public PoolingKind Pooling { get; }

    /// <summary>Width of the image the targets came from.</summary>
    public int Width { get; }

    /// <summary>Height of the image the targets came from.</summary>
    public int Height { get; }

    /// <summary>Style targets whose Grams are the weighted sum of <paramref name="parts"/> (several style images).</summary>
    public static FeatureTargets Blend(IReadOnlyList<FeatureTargets> parts, IReadOnlyList<double> weights)
    {
        var blendWeights = weights.Select(w => (float)w).ToArray();
        var handles = new nint[parts.Count];
        var referenced = 0;
        var error = new NativeError();
        TargetsHandle handle;
        int status;
        try
        {
            // Raw handles cross the boundary as an array, so each is kept from release while in use.
            for (; referenced < parts.Count; referenced++)
            {
                var added = false;
                parts[referenced].Handle.DangerousAddRef(ref added);
                handles[referenced] = parts[referenced].Handle.DangerousGetHandle();
            }
            fixed (nint* partHandles = handles)
            fixed (float* weightValues = blendWeights)
            {
                status = NativeMethods.TargetsBlend(partHandles, weightValues, parts.Count, out handle, ref error);
            }
        }
        finally
        {
            for (var i = 0; i < referenced; i++)
            {
                parts[i].Handle.DangerousRelease();
            }
        }
        if (status != 0)
        {
            handle.Dispose();
        }
        NativeResult.ThrowIfFailed(status, error);
        return new FeatureTargets(handle, TargetKind.Style, parts[0].Layers, parts[0].Pooling, parts[0].Width, parts[0].Height);
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();
}
