using Microsoft.Win32.SafeHandles;

namespace NeuralStyle.Engine.Native;

/// <summary>Owns one <c>nsf_targets</c>; releasing it calls <c>nsf_targets_free</c> exactly once.</summary>
internal sealed class TargetsHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        NativeMethods.TargetsFree(handle);
        return true;
    }
}
