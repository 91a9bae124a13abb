using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.IO;

/// <summary>
/// A path's type and size from Linux statx(2), links followed. .NET exposes no file type beyond
/// "directory", and opening a FIFO to find out blocks; statx's layout is the same on every
/// architecture, unlike struct stat's.
/// </summary>
internal static unsafe partial class FileMetadata
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int StatxBytes = 256;
    private const ushort TypeMask = 0xF000;
    private const ushort RegularType = 0x8000;
    private const ushort DirectoryType = 0x4000;

    public static (FileKind Kind, long Size) Of(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return (FileKind.Missing, 0);
        }
        var buffer = stackalloc byte[StatxBytes];
        if (Statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer) != 0)
        {
            return Marshal.GetLastPInvokeError() is 13 /* EACCES */ ? (FileKind.Unreadable, 0) : (FileKind.Missing, 0);
        }
        var mode = *(ushort*)(buffer + ModeOffset);
        var size = *(long*)(buffer + SizeOffset);
        return (mode & TypeMask) switch
        {
            RegularType => (FileKind.Regular, size),
            DirectoryType => (FileKind.Directory, 0),
            _ => (FileKind.Other, 0),
        };
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
