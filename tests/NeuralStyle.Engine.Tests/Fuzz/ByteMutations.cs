using System.Buffers.Binary;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Tests.Fuzz;

/// <summary>Seeded mutations of a valid file: bit flips, truncation, insertion, overwrites with edge values, PNG header edits.</summary>
internal static class ByteMutations
{
    private static readonly byte[] EdgeBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];

    /// <summary>One to three mutations of <paramref name="seed"/>; returns the bytes and what was done.</summary>
    public static (byte[] Bytes, string How) Mutate(byte[] seed, Random random, bool png)
    {
        var bytes = seed;
        var how = new List<string>();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            (bytes, var step) = random.Next(png ? 7 : 5) switch
            {
                0 => FlipBits(bytes, random),
                1 => Truncate(bytes, random),
                2 => Insert(bytes, random),
                3 => Overwrite(bytes, random),
                4 => Splice(bytes, random),
                5 => PngDimensions(bytes, random),
                _ => PngChunkLength(bytes, random),
            };
            how.Add(step);
        }
        return (bytes, string.Join(", ", how));
    }

    private static (byte[], string) FlipBits(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips && bytes.Length > 0; i++)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }
        return (bytes, $"flip {flips} bits");
    }

    private static (byte[], string) Truncate(byte[] source, Random random)
    {
        var length = random.Next(source.Length);
        return (source[..length], $"truncate to {length}");
    }

    private static (byte[], string) Insert(byte[] source, Random random)
    {
        var at = random.Next(source.Length + 1);
        var inserted = new byte[random.Next(1, 17)];
        random.NextBytes(inserted);
        return ([.. source.AsSpan(0, at), .. inserted, .. source.AsSpan(at)], $"insert {inserted.Length} at {at}");
    }

    private static (byte[], string) Overwrite(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        var at = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
        var run = Math.Min(random.Next(1, 9), bytes.Length - at);
        bytes.AsSpan(at, run).Fill(EdgeBytes[random.Next(EdgeBytes.Length)]);
        return (bytes, $"overwrite {run} at {at}");
    }

    /// <summary>Repeats a slice of the file elsewhere: duplicated chunks and markers.</summary>
    private static (byte[], string) Splice(byte[] source, Random random)
    {
        if (source.Length < 2)
        {
            return (source, "splice (too short)");
        }
        var from = random.Next(source.Length - 1);
        var length = random.Next(1, Math.Min(256, source.Length - from));
        var to = random.Next(source.Length);
        return ([.. source.AsSpan(0, to), .. source.AsSpan(from, length), .. source.AsSpan(to)], $"splice {length} from {from} to {to}");
    }

    /// <summary>IHDR's width and height (bytes 16..23) set to edge values, CRC left or fixed: huge images from a tiny file.</summary>
    private static (byte[], string) PngDimensions(byte[] source, Random random)
    {
        if (source.Length < 33)
        {
            return (source, "dimensions (too short)");
        }
        uint[] edges = [0, 1, 16384, 65535, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, (uint)random.Next()];
        var bytes = (byte[])source.Clone();
        var width = edges[random.Next(edges.Length)];
        var height = edges[random.Next(edges.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        var fixCrc = random.Next(2) == 0;
        if (fixCrc)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), PngCrc.Of(bytes.AsSpan(12, 4), bytes.AsSpan(16, 13)));
        }
        return (bytes, $"IHDR {width}x{height}{(fixCrc ? " crc fixed" : "")}");
    }

    /// <summary>A chunk's length field (a chunk boundary found by walking the file) set to an edge value.</summary>
    private static (byte[], string) PngChunkLength(byte[] source, Random random)
    {
        var boundaries = new List<int>();
        for (long at = 8; at + 12 <= source.Length; at += 12L + BinaryPrimitives.ReadUInt32BigEndian(source.AsSpan((int)at)))
        {
            boundaries.Add((int)at);
            if (boundaries.Count > 64)
            {
                break;
            }
        }
        if (boundaries.Count == 0)
        {
            return (source, "chunk length (no chunk)");
        }
        var bytes = (byte[])source.Clone();
        var chunk = boundaries[random.Next(boundaries.Count)];
        uint[] edges = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, (uint)random.Next(1 << 20)];
        var length = edges[random.Next(edges.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(chunk), length);
        return (bytes, $"chunk at {chunk} length {length}");
    }
}
