using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Native;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Rendering;

/// <summary>VGG-19's first convolutions, resident on one device. Load once, use for many renders.</summary>
public sealed unsafe class Vgg19Model : IDisposable
{
    private Vgg19Model(ModelHandle handle, string device, Vgg19Weights weights)
    {
        Handle = handle;
        Device = device;
        WeightsPath = weights.Path;
        WeightsSha256 = weights.Sha256;
        ConvolutionCount = weights.ConvolutionCount;
    }

    internal ModelHandle Handle { get; }

    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; }

    /// <summary>The weights file.</summary>
    public string WeightsPath { get; }

    /// <summary>SHA-256 of the weights file.</summary>
    public string WeightsSha256 { get; }

    /// <summary>Convolutions loaded, from conv1_1 on.</summary>
    public int ConvolutionCount { get; }

    /// <summary>Copies <paramref name="weights"/> onto <paramref name="device"/>.</summary>
    public static Vgg19Model Load(Vgg19Weights weights, string device)
    {
        NativeLibraryGuard.EnsureLoaded();
        var count = weights.ConvolutionCount;
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        try
        {
            var weightPointers = stackalloc float*[count];
            var biasPointers = stackalloc float*[count];
            for (var i = 0; i < count; i++)
            {
                weightPointers[i] = Pin(weights.Weights[i], handles);
                biasPointers[i] = Pin(weights.Biases[i], handles);
            }
            var error = new NativeError();
            var status = NativeMethods.ModelCreate(device, count, weightPointers, biasPointers, out var handle, ref error);
            if (status != 0)
            {
                handle.Dispose();
            }
            NativeResult.ThrowIfFailed(status, error);
            return new Vgg19Model(handle, device, weights);
        }
        finally
        {
            handles.ForEach(h => h.Free());
        }
    }

    /// <summary>The content image's features P^l at <paramref name="layers"/>.</summary>
    public FeatureTargets ComputeContentTargets(RgbImage image, PoolingKind pooling, IReadOnlyList<string> layers) =>
        ComputeTargets(TargetKind.Content, image, pooling, layers);

    /// <summary>The style image's Gram matrices at <paramref name="layers"/>, divided by each layer's positions.</summary>
    public FeatureTargets ComputeStyleTargets(RgbImage image, PoolingKind pooling, IReadOnlyList<string> layers) =>
        ComputeTargets(TargetKind.Style, image, pooling, layers);

    private FeatureTargets ComputeTargets(TargetKind kind, RgbImage image, PoolingKind pooling, IReadOnlyList<string> layers)
    {
        var indices = layers.Select(l => VggLayers.IndexOf(l, kind == TargetKind.Content ? "content_layers" : "style_layers")).ToArray();
        var error = new NativeError();
        TargetsHandle handle;
        int status;
        fixed (float* pixels = image.Pixels)
        fixed (int* layerIndices = indices)
        {
            status = kind == TargetKind.Content
                ? NativeMethods.TargetsComputeContent(Handle, pixels, image.Height, image.Width, (int)pooling,
                    layerIndices, indices.Length, out handle, ref error)
                : NativeMethods.TargetsComputeStyle(Handle, pixels, image.Height, image.Width, (int)pooling,
                    layerIndices, indices.Length, out handle, ref error);
        }
        if (status != 0)
        {
            handle.Dispose();
        }
        NativeResult.ThrowIfFailed(status, error);
        return new FeatureTargets(handle, kind, layers.ToArray(), pooling, image.Width, image.Height);
    }

    private static float* Pin(float[] data, List<System.Runtime.InteropServices.GCHandle> handles)
    {
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(data, System.Runtime.InteropServices.GCHandleType.Pinned);
        handles.Add(handle);
        return (float*)handle.AddrOfPinnedObject();
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();
}
