using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.IO;

/// <summary>
/// A path's type, size and identity from Linux statx(2), links followed. .NET exposes no file type
/// beyond "directory", and opening a FIFO to find out blocks; statx's layout is the same on every
/// architecture, unlike struct stat's.
/// </summary>
internal static unsafe partial class FileMetadata
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxInode = 0x100;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;
    private const int StatxBytes = 256;
    private const ushort TypeMask = 0xF000;
    private const ushort RegularType = 0x8000;
    private const ushort DirectoryType = 0x4000;

    public static (FileKind Kind, long Size) Of(string path)
    {
        var (kind, size, _) = Read(path);
        return (kind, size);
    }

    /// <summary>The device and inode of what <paramref name="path"/> names (links followed), or null when nothing is there.</summary>
    public static FileIdentity? IdentityOf(string path) => Read(path) switch
    {
        (FileKind.Missing or FileKind.Unreadable, _, _) => null,
        var (_, _, identity) => identity,
    };

    private static (FileKind Kind, long Size, FileIdentity Identity) Read(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return (FileKind.Missing, 0, default);
        }
        var buffer = stackalloc byte[StatxBytes];
        if (Statx(AtFdCwd, path, 0, StatxType | StatxSize | StatxInode, buffer) != 0)
        {
            return (Marshal.GetLastPInvokeError() is 13 /* EACCES */ ? FileKind.Unreadable : FileKind.Missing, 0, default);
        }
        var mode = *(ushort*)(buffer + ModeOffset);
        var size = *(long*)(buffer + SizeOffset);
        var identity = new FileIdentity(*(uint*)(buffer + DeviceMajorOffset), *(uint*)(buffer + DeviceMinorOffset),
            *(ulong*)(buffer + InodeOffset));
        return (mode & TypeMask) switch
        {
            RegularType => (FileKind.Regular, size, identity),
            DirectoryType => (FileKind.Directory, 0, identity),
            _ => (FileKind.Other, 0, identity),
        };
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
