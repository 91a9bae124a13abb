using Microsoft.Win32.SafeHandles;

namespace NeuralStyle.Engine.Native;

/// <summary>Owns one <c>nsf_model</c>; releasing it calls <c>nsf_model_free</c> exactly once.</summary>
internal sealed class ModelHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.ModelFree(handle);
        return true;
    }
}
