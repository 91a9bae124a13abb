using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NeuralStyle.Engine.Images;

namespace NeuralStyle.Engine.Tests.Support;

/// <summary>Builds PNG chunks for crafted files, with their own CRC (independent of the reader's).</summary>
public static class PngChunks
{
    /// <summary>A chunk: length, type, data, CRC-32 of type and data.</summary>
    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc.Of(chunk.AsSpan(4, 4), chunk.AsSpan(8, data.Length)));
        return chunk;
    }

    /// <summary>A zTXt chunk whose text is <paramref name="zeros"/> zero bytes, compressed (about 1000:1).</summary>
    public static byte[] ZeroBomb(string keyword, long zeros)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.Length)
            {
                zlib.Write(block, 0, (int)Math.Min(block.Length, zeros - written));
            }
        }
        return Chunk("zTXt", [.. Encoding.Latin1.GetBytes(keyword), 0, 0, .. compressed.ToArray()]);
    }

    /// <summary>A tEXt chunk.</summary>
    public static byte[] Text(string keyword, string text) =>
        Chunk("tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)]);

    /// <summary><paramref name="png"/> with <paramref name="chunk"/> inserted before its final IEND chunk.</summary>
    public static byte[] BeforeEnd(byte[] png, byte[] chunk) => [.. png.AsSpan(0, png.Length - 12), .. chunk, .. png.AsSpan(png.Length - 12)];
}
