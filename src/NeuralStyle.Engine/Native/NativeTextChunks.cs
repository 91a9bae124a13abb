using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Native;

/// <summary>UTF-8 copies of metadata keys and values in native memory, freed on dispose.</summary>
internal sealed unsafe class NativeTextChunks : IDisposable
{
    private readonly List<nint> _strings = [];
    private bool _disposed;

    public NativeTextChunks(IReadOnlyDictionary<string, string> metadata)
    {
        Count = metadata.Count;
        Keys = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(1, Count), (nuint)sizeof(nint));
        Values = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(1, Count), (nuint)sizeof(nint));
        try
        {
            var i = 0;
            foreach (var (key, value) in metadata)
            {
                Keys[i] = Copy(key);
                Values[i] = Copy(value);
                i++;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Count { get; }

    public nint* Keys { get; }

    public nint* Values { get; }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _strings.ForEach(Marshal.FreeCoTaskMem);
        NativeMemory.Free(Keys);
        NativeMemory.Free(Values);
    }

    private nint Copy(string text)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        _strings.Add(pointer);
        return pointer;
    }
}
