using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Images;

/// <summary>
/// Reads the text chunks (tEXt, zTXt, iTXt) of a PNG file: how an output's settings are read back.
/// The file is read chunk by chunk, skipping image data; text is bounded in all (compressed text
/// is inflated only up to the bound, so a small file cannot expand into gigabytes), and each text
/// chunk's length and CRC are checked.
/// </summary>
public static class PngText
{
    /// <summary>Text a file may carry in all, keywords included, after inflation (16 MiB); an nsf output carries a few KiB.</summary>
    public const int MaxTextBytes = 16 << 20;

    /// <summary>Text chunks a file may carry.</summary>
    public const int MaxTextChunks = 1024;

    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Every text chunk by keyword; a later chunk with the same keyword wins.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        using var stream = InputFiles.OpenRead(path, ImageFile.MaxFileBytes, ImageFile.Unreadable);
        try
        {
            return ReadChunks(path, stream);
        }
        catch (IOException e)
        {
            // The file shrank or the disk failed under us.
            throw Malformed(path, $"cannot be read: {e.Message}");
        }
    }

    private static Dictionary<string, string> ReadChunks(string path, FileStream stream)
    {
        var fileLength = stream.Length;
        var head = new byte[8];
        if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8 || !head.AsSpan().SequenceEqual(Signature))
        {
            throw new ImageUnreadableException($"'{path}' is not a PNG file");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var budget = (long)MaxTextBytes;
        var textChunks = 0;
        while (stream.Position < fileLength)
        {
            if (stream.Position + 12 > fileLength)
            {
                throw Malformed(path, "ends inside a chunk header");
            }
            stream.ReadExactly(head);
            var length = BinaryPrimitives.ReadUInt32BigEndian(head);
            var type = head.AsSpan(4, 4);
            if (!IsChunkType(type))
            {
                throw Malformed(path, $"has a chunk whose type is not a PNG chunk type at byte {stream.Position - 8}");
            }
            var name = Encoding.ASCII.GetString(type);
            if (length > int.MaxValue || stream.Position + length + 4 > fileLength)
            {
                throw Malformed(path, $"has a {name} chunk of {length} bytes that runs past the end of the file");
            }
            if (name == "IEND")
            {
                break;
            }
            if (name is not ("tEXt" or "zTXt" or "iTXt"))
            {
                stream.Seek(length + 4, SeekOrigin.Current);
                continue;
            }
            if (++textChunks > MaxTextChunks || length > budget)
            {
                throw Malformed(path, $"carries more text than the limit of {MaxTextChunks} chunks and {InputFiles.Describe(MaxTextBytes)}");
            }
            var data = new byte[length];
            stream.ReadExactly(data);
            stream.ReadExactly(head.AsSpan(0, 4));
            if (BinaryPrimitives.ReadUInt32BigEndian(head) != PngCrc.Of(Encoding.ASCII.GetBytes(name), data))
            {
                throw Malformed(path, $"has a {name} chunk that fails its CRC check (the file is damaged)");
            }
            var (keyword, text) = Decode(path, name, data, (int)budget);
            budget -= keyword.Length + text.Length;
            result[keyword] = text;
        }
        return result;
    }

    private static (string Keyword, string Text) Decode(string path, string type, ReadOnlySpan<byte> data, int budget)
    {
        try
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
                    return (keyword, Encoding.Latin1.GetString(Inflate(path, rest[1..], budget)));
                default:
                    var compressed = rest[0] == 1;
                    rest = rest[2..];
                    rest = AfterNul(rest); // language tag
                    rest = AfterNul(rest); // translated keyword
                    return (keyword, Encoding.UTF8.GetString(compressed ? Inflate(path, rest, budget) : rest));
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException)
        {
            throw Malformed(path, $"has a malformed {type} chunk");
        }
    }

    private static ReadOnlySpan<byte> AfterNul(ReadOnlySpan<byte> data)
    {
        var nul = data.IndexOf((byte)0);
        ArgumentOutOfRangeException.ThrowIfNegative(nul);
        return data[(nul + 1)..];
    }

    /// <summary>Inflates at most <paramref name="limit"/> bytes: a chunk that would give more is refused, not expanded.</summary>
    private static byte[] Inflate(string path, ReadOnlySpan<byte> zlib, int limit)
    {
        using var input = new MemoryStream(zlib.ToArray());
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = inflater.Read(buffer)) > 0)
        {
            if (output.Length + read > limit)
            {
                throw Malformed(path, $"has a compressed text chunk that inflates past the limit of {InputFiles.Describe(MaxTextBytes)} of text");
            }
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var c in type)
        {
            if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                return false;
            }
        }
        return true;
    }

    private static ImageUnreadableException Malformed(string path, string problem) => new($"'{path}' {problem}");
}
