namespace NeuralStyle.Engine.IO;

/// <summary>
/// What makes two paths the same file on Linux: the device and inode they lead to. Links, hard
/// links, "./" and bind mounts of one file all compare equal.
/// </summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode);
