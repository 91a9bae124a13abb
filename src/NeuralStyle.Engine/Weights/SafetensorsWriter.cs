using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Weights;

/// <summary>Writes float32 tensors as a .safetensors file, atomically (temp file, then rename).</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> in the order given, with optional string metadata.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, long[] Shape, float[] Data)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 })
        {
            header["__metadata__"] = metadata;
        }
        long offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            var length = data.LongLength * 4;
            header[name] = new { dtype = "F32", shape, data_offsets = new[] { offset, offset + length } };
            offset += length;
        }
        var headerBytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        // The format asks for the data to start 8-byte aligned; pad the header with spaces.
        var padded = (headerBytes.Length + 7) / 8 * 8;
        var headerPadded = new byte[padded];
        headerBytes.CopyTo(headerPadded, 0);
        headerPadded.AsSpan(headerBytes.Length).Fill((byte)' ');

        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, padded);
            stream.Write(length);
            stream.Write(headerPadded);
            foreach (var (_, _, data) in tensors)
            {
                if (!BitConverter.IsLittleEndian)
                {
                    throw new PlatformNotSupportedException("writing safetensors needs a little-endian machine");
                }
                stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            }
        });
    }
}
