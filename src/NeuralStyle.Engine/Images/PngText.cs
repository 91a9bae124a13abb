using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NeuralStyle.Engine.Images;

/// <summary>Reads the text chunks (tEXt, zTXt, iTXt) of a PNG file: how an output's settings are read back.</summary>
public static class PngText
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Every text chunk by keyword; a later chunk with the same keyword wins.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new ImageUnreadableException($"'{path}' is not a PNG file");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            var type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            if (length < 0 || position + 12L + length > bytes.Length)
            {
                throw new ImageUnreadableException($"'{path}' has a truncated {type} chunk");
            }
            var data = bytes.AsSpan(position + 8, length);
            if (type is "tEXt" or "zTXt" or "iTXt")
            {
                try
                {
                    var (keyword, text) = Decode(type, data);
                    result[keyword] = text;
                }
                catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
                {
                    throw new ImageUnreadableException($"'{path}' has a malformed {type} chunk");
                }
            }
            position += 12 + length;
        }
        return result;
    }

    private static (string Keyword, string Text) Decode(string type, ReadOnlySpan<byte> data)
    {
        var nul = data.IndexOf((byte)0);
        ArgumentOutOfRangeException.ThrowIfNegative(nul);
        var keyword = Encoding.Latin1.GetString(data[..nul]);
        var rest = data[(nul + 1)..];
        switch (type)
        {
            case "tEXt":
                return (keyword, Encoding.Latin1.GetString(rest));
            case "zTXt":
                return (keyword, Encoding.Latin1.GetString(Inflate(rest[1..])));
            default:
                var compressed = rest[0] == 1;
                rest = rest[2..];
                rest = AfterNul(rest); // language tag
                rest = AfterNul(rest); // translated keyword
                return (keyword, Encoding.UTF8.GetString(compressed ? Inflate(rest) : rest.ToArray()));
        }
    }

    private static ReadOnlySpan<byte> AfterNul(ReadOnlySpan<byte> data)
    {
        var nul = data.IndexOf((byte)0);
        ArgumentOutOfRangeException.ThrowIfNegative(nul);
        return data[(nul + 1)..];
    }

    private static byte[] Inflate(ReadOnlySpan<byte> zlib)
    {
        using var input = new MemoryStream(zlib.ToArray());
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }
}
