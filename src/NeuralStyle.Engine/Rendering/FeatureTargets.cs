using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Native;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Targets resident on the model's device; computed once and shared by every render that matches them.
/// Whoever created them frees them (<see cref="Dispose"/>); targets from a <see cref="TargetCache"/> are
/// the cache's, used through a <see cref="TargetLease"/>.
/// </summary>
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
        Bytes = BytesFor(kind, layers, width, height);
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

    /// <summary>Device memory the tensors hold (see <see cref="BytesFor"/>).</summary>
    public long Bytes { get; }

    /// <summary>True once the native targets were freed: they must not be used any more.</summary>
    public bool IsFreed => Handle.IsClosed;

    /// <summary>
    /// Device memory of targets computed from a <paramref name="width"/> x <paramref name="height"/> image,
    /// from the network's shapes: content targets keep each layer's feature map (channels x H/2^p x W/2^p
    /// float32 after p poolings), style targets one Gram per layer (channels^2 float32) whatever the size.
    /// </summary>
    public static long BytesFor(TargetKind kind, IReadOnlyList<string> layers, int width, int height)
    {
        var setting = kind == TargetKind.Content ? "content_layers" : "style_layers";
        long floats = 0;
        foreach (var layer in layers)
        {
            var index = VggLayers.IndexOf(layer, setting);
            long channels = VggLayers.ChannelsAt(index);
            var poolings = VggLayers.PoolingsBefore(index);
            floats += kind == TargetKind.Content
                ? channels * (height >> poolings) * (width >> poolings)
                : channels * channels;
        }
        return floats * sizeof(float);
    }

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
