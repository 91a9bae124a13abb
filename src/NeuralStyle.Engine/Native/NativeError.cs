using System.Runtime.InteropServices;
using System.Text;

namespace NeuralStyle.Engine.Native;

/// <summary>Mirrors <c>nsf_error</c> (nsf_common.h): caller-owned, so nothing is ever freed across the boundary.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeError
{
    public const int MessageCapacity = 1024;

    public int Status;
    public fixed byte Message[MessageCapacity];

    public readonly string Text
    {
        get
        {
            fixed (byte* message = Message)
            {
                var length = new ReadOnlySpan<byte>(message, MessageCapacity).IndexOf((byte)0);
                return Encoding.UTF8.GetString(message, length < 0 ? MessageCapacity : length);
            }
        }
    }
}
