using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>Mirrors <c>nsf_render_options</c>; the pointers are pinned by the caller for the call's duration.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeRenderOptions
{
    public int Batch;
    public int Height;
    public int Width;
    public int Iterations;
    public int Optimizer;
    public int Pooling;
    public float LearningRate;
    public int LbfgsHistory;
    public int SnapshotEvery;
    public float* ContentWeights;
    public float* StyleWeights;
    public float* TvWeights;
    public float* StyleLayerWeights;
}
