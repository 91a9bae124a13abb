namespace NeuralStyle.Engine.Native;

/// <summary>Mirrors <c>nsf_status</c> in nsf_common.h, shared by both native libraries.</summary>
internal enum NativeStatus
{
    Ok = 0,
    InvalidArgument = 1,
    DeviceUnavailable = 2,
    ImageUnreadable = 3,
    ImageTooLarge = 4,
    IoError = 5,
    Cancelled = 6,
    OutOfMemory = 7,
    Internal = 8,
}
