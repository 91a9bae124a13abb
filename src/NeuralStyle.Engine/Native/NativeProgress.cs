using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>Mirrors <c>nsf_progress</c>; its pointers are valid only during the callback.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeProgress
{
    public int Iteration;
    public int Batch;
    public int ContentLayerCount;
    public int StyleLayerCount;
    public float* Total;
    public float* Content;
    public float* Style;
    public float* Tv;
    public float* ContentLayers;
    public float* StyleLayers;
    public float* Image;
    public double Seconds;
}
