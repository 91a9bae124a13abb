using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Weights;

/// <summary>Converts a safetensors tensor's little-endian bytes to float32.</summary>
internal static class TensorDecoding
{
    /// <summary>Throws unless the entry's dtype is readable and its byte range fits its shape.</summary>
    public static void RequireSupported(SafetensorsEntry entry, string path)
    {
        var elementSize = entry.DType switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => throw new WeightsFileException($"weights file '{path}': tensor '{entry.Name}' has dtype {entry.DType}; only F32, F16 and BF16 are supported"),
        };
        var length = entry.End - entry.Begin;
        if (length != entry.ElementCount * elementSize)
        {
            throw new WeightsFileException($"weights file '{path}': tensor '{entry.Name}' has {length} bytes, but {entry.DType} {entry.ShapeText} needs {entry.ElementCount * elementSize}");
        }
    }

    public static float[] ToFloats(byte[] bytes, SafetensorsEntry entry, string path)
    {
        RequireSupported(entry, path);
        var result = new float[entry.ElementCount];
        switch (entry.DType)
        {
            case "F32" when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
                break;
            case "F32":
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
                }
                break;
            case "F16":
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2));
                }
                break;
            default:
                // bfloat16 is the upper half of a float32.
                for (var i = 0; i < result.Length; i++)
                {
                    var upper = (uint)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2));
                    result[i] = BitConverter.UInt32BitsToSingle(upper << 16);
                }
                break;
        }
        return result;
    }
}
