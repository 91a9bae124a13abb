using Microsoft.Win32.SafeHandles;

namespace NeuralStyle.Engine.Native;

/// <summary>Owns one <c>nsf_canvas</c>; releasing it calls <c>nsf_canvas_free</c> exactly once.</summary>
internal sealed class CanvasHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle()
    {
        ImageNativeMethods.CanvasFree(handle);
        return true;
    }
}
