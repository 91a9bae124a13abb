using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>UTF-8 copies of metadata keys and values in native memory, freed on dispose.</summary>
internal sealed unsafe class NativeTextChunks : IDisposable
{
    private readonly nint[] _strings;

    public NativeTextChunks(IReadOnlyDictionary<string, string> metadata)
    {
        Count = metadata.Count;
        _strings = new nint[2 * Count];
        Keys = (nint*)NativeMemory.Alloc((nuint)Math.Max(1, Count), (nuint)sizeof(nint));
        Values = (nint*)NativeMemory.Alloc((nuint)Math.Max(1, Count), (nuint)sizeof(nint));
        var i = 0;
        foreach (var (key, value) in metadata)
        {
            Keys[i] = _strings[2 * i] = Marshal.StringToCoTaskMemUTF8(key);
            Values[i] = _strings[2 * i + 1] = Marshal.StringToCoTaskMemUTF8(value);
            i++;
        }
    }

    public int Count { get; }

    public nint* Keys { get; }

    public nint* Values { get; }

    public void Dispose()
    {
        foreach (var pointer in _strings)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
        NativeMemory.Free(Keys);
        NativeMemory.Free(Values);
    }
}
