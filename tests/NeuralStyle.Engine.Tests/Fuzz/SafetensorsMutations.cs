using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace NeuralStyle.Engine.Tests.Fuzz;

/// <summary>Seeded edits of a safetensors file's header: lengths, offsets, shapes, dtypes and huge numbers.</summary>
internal static class SafetensorsMutations
{
    private static readonly string[] DTypes = ["F64", "I8", "BF16", "F16", "F32", "", "f32", "U8", "F8_E4M3"];

    private static readonly string[] Numbers =
        ["-1", "0", "1", "3", "64", "4294967296", "4611686018427387904", "9223372036854775807", "-9223372036854775808",
         "99999999999999999999", "1e30", "1.5", "\"4\"", "null", "true", "[]", "{}"];

    /// <summary>The file with one header edit, or with its header length field changed.</summary>
    public static (byte[] Bytes, string How) Mutate(byte[] file, Random random)
    {
        var headerLength = (int)BinaryPrimitives.ReadInt64LittleEndian(file);
        var header = JsonNode.Parse(file.AsSpan(8, headerLength))!.AsObject();
        var data = file.AsSpan(8 + headerLength).ToArray();
        var tensors = header.Where(p => p.Key != "__metadata__").Select(p => p.Key).ToArray();
        var tensor = header[tensors[random.Next(tensors.Length)]]!.AsObject();
        string how;
        switch (random.Next(8))
        {
            case 0:
                var dtype = DTypes[random.Next(DTypes.Length)];
                tensor["dtype"] = dtype;
                how = $"dtype {dtype}";
                break;
            case 1:
                var shape = Array(random, random.Next(0, 5));
                tensor["shape"] = JsonNode.Parse(shape);
                how = $"shape {shape}";
                break;
            case 2:
                var offsets = Array(random, random.Next(0, 4));
                tensor["data_offsets"] = JsonNode.Parse(offsets);
                how = $"data_offsets {offsets}";
                break;
            case 3:
                var field = new[] { "dtype", "shape", "data_offsets" }[random.Next(3)];
                tensor.Remove(field);
                how = $"no {field}";
                break;
            case 4:
                var value = Numbers[random.Next(Numbers.Length)];
                header["__metadata__"] = JsonNode.Parse($"{{\"k\":{value}}}");
                how = $"metadata k {value}";
                break;
            case 5:
                var end = tensor["data_offsets"]![1]!.GetValue<long>();
                tensor["data_offsets"] = new JsonArray(end, end + random.Next(-8, 9));
                how = "offsets shifted";
                break;
            case 6:
                return WithLength(file, random);
            default:
                var dims = tensor["shape"]!.AsArray();
                if (dims.Count > 0)
                {
                    var i = random.Next(dims.Count);
                    dims[i] = dims[i]!.GetValue<long>() + random.Next(-2, 3);
                }
                how = "one dimension changed";
                break;
        }
        return (Build(Encoding.UTF8.GetBytes(header.ToJsonString()), data), how);
    }

    private static string Array(Random random, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Numbers[random.Next(Numbers.Length)])) + "]";

    private static (byte[], string) WithLength(byte[] file, Random random)
    {
        var original = BinaryPrimitives.ReadInt64LittleEndian(file);
        long[] lengths = [0, 1, -1, long.MaxValue, long.MinValue, original - 1, original + 1, file.Length - 8, file.Length, 100L << 20, random.NextInt64()];
        var length = lengths[random.Next(lengths.Length)];
        var bytes = (byte[])file.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
        return (bytes, $"header length {length}");
    }

    private static byte[] Build(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }
}
