using System.Buffers.Binary;
using System.Text.Json;

namespace NeuralStyle.Engine.Weights;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw data. Only the tensors asked for are read.
/// </summary>
public sealed class SafetensorsFile
{
    private const long MaxHeaderBytes = 100 * 1024 * 1024;

    private readonly string _path;
    private readonly long _dataStart;

    private SafetensorsFile(string path, long dataStart, IReadOnlyDictionary<string, SafetensorsEntry> entries,
        IReadOnlyDictionary<string, string> metadata)
    {
        _path = path;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>Tensors by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

    /// <summary>The optional <c>__metadata__</c> string map.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Parses the header of <paramref name="path"/>; throws <see cref="WeightsFileException"/> when it is not safetensors.</summary>
    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new WeightsFileException(
                $"weights file '{path}' does not exist. Create test weights with 'nsf weights random --out {path}' or fetch real ones with 'nsf weights download'");
        }
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Length < 8 || stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
        {
            throw NotSafetensors(path, "it is shorter than a header");
        }
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 1 || headerLength > MaxHeaderBytes || 8 + headerLength > stream.Length)
        {
            throw NotSafetensors(path, $"its header length {headerLength} does not fit the file");
        }
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataStart = 8 + headerLength;
        try
        {
            return Parse(path, header, dataStart, stream.Length - dataStart);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw NotSafetensors(path, $"its header is not valid safetensors JSON ({e.Message})");
        }
    }

    /// <summary>Reads a tensor as float32, converting F16 and BF16; checks the shape.</summary>
    public float[] ReadFloats(string name, IReadOnlyList<long> expectedShape)
    {
        var entry = Require(name, expectedShape);
        var bytes = new byte[entry.End - entry.Begin];
        using (var stream = File.OpenRead(_path))
        {
            stream.Position = _dataStart + entry.Begin;
            stream.ReadExactly(bytes);
        }
        return TensorDecoding.ToFloats(bytes, entry, _path);
    }

    /// <summary>The entry of <paramref name="name"/>, checked for presence, shape and a supported dtype, without reading its data.</summary>
    public SafetensorsEntry Require(string name, IReadOnlyList<long> expectedShape)
    {
        if (!Entries.TryGetValue(name, out var entry))
        {
            throw new WeightsFileException($"weights file '{_path}' has no tensor '{name}' (expected shape [{string.Join(", ", expectedShape)}]); is it a torchvision VGG-19?");
        }
        if (!entry.Shape.SequenceEqual(expectedShape))
        {
            throw new WeightsFileException($"weights file '{_path}': tensor '{name}' has shape {entry.ShapeText}, expected [{string.Join(", ", expectedShape)}]");
        }
        TensorDecoding.RequireSupported(entry, _path);
        return entry;
    }

    private static SafetensorsFile Parse(string path, byte[] header, long dataStart, long dataLength)
    {
        using var document = JsonDocument.Parse(header);
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (var item in property.Value.EnumerateObject())
                {
                    metadata[item.Name] = item.Value.GetString() ?? "";
                }
                continue;
            }
            var dtype = property.Value.GetProperty("dtype").GetString() ?? "";
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
            {
                throw NotSafetensors(path, $"tensor '{property.Name}' has data offsets outside the file");
            }
            entries[property.Name] = new SafetensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]);
        }
        return new SafetensorsFile(path, dataStart, entries, metadata);
    }

    private static WeightsFileException NotSafetensors(string path, string why) =>
        new($"weights file '{path}' is not a safetensors file: {why}");
}
