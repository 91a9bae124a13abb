using System.Buffers.Binary;
using System.Text.Json;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Weights;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw data. Only the tensors asked for are read.
/// </summary>
public sealed class SafetensorsFile
{
    /// <summary>Weights files larger than this are refused before they are read (2 GiB; torchvision's VGG-19 is 548 MiB).</summary>
    public const long MaxFileBytes = 2L << 30;

    // VGG-19's header is about 3 KB; a header of many megabytes is a JSON bomb, not weights.
    private const long MaxHeaderBytes = 16 * 1024 * 1024;

    // Convolution weights have 4 dimensions; no tensor format in use has more than 8.
    private const int MaxRank = 8;

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
        if (FileMetadata.Of(path).Kind == FileKind.Missing)
        {
            throw new WeightsFileException(
                $"weights file '{path}' does not exist. Fetch pretrained VGG-19 to the default location ({WeightsLocation.Default}) with " +
                "'nsf weights download'; or, for tests and offline use (not pretrained: renders are texture-like), write random weights " +
                "under their own name with 'nsf weights random --out vgg19-random.safetensors' and pass --weights vgg19-random.safetensors");
        }
        using var stream = InputFiles.OpenRead(path, MaxFileBytes, Unreadable);
        try
        {
            return Read(path, stream);
        }
        catch (IOException e)
        {
            throw Unreadable($"'{path}' cannot be read: {e.Message}");
        }
    }

    private static SafetensorsFile Read(string path, FileStream stream)
    {
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
        using (var stream = InputFiles.OpenRead(_path, MaxFileBytes, Unreadable))
        {
            if (stream.Length < _dataStart + entry.End)
            {
                throw new WeightsFileException($"weights file '{_path}' changed while it was read: it no longer holds tensor '{name}'");
            }
            stream.Position = _dataStart + entry.Begin;
            try
            {
                stream.ReadExactly(bytes);
            }
            catch (IOException e)
            {
                throw Unreadable($"'{_path}' cannot be read: {e.Message}");
            }
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
            var dimensions = property.Value.GetProperty("shape");
            if (dimensions.GetArrayLength() > MaxRank)
            {
                throw NotSafetensors(path, $"tensor '{property.Name}' has {dimensions.GetArrayLength()} dimensions, more than {MaxRank}");
            }
            var shape = dimensions.EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
            {
                throw NotSafetensors(path, $"tensor '{property.Name}' has data offsets outside the file");
            }
            if (!FitsIn(shape, dataLength))
            {
                throw NotSafetensors(path, $"tensor '{property.Name}' has shape [{string.Join(", ", shape)}], more elements than the file holds");
            }
            entries[property.Name] = new SafetensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]);
        }
        return new SafetensorsFile(path, dataStart, entries, metadata);
    }

    /// <summary>Dimensions are counts, and no tensor has more elements than the data section has bytes.</summary>
    private static bool FitsIn(long[] shape, long dataLength)
    {
        var elements = 1L;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                return false;
            }
            // Once the product is 0 it stays 0; otherwise it must stay within the data, so it cannot overflow.
            elements = elements == 0 || dimension == 0 ? 0 : dimension > dataLength / elements ? -1 : elements * dimension;
            if (elements < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static WeightsFileException Unreadable(string problem) => new($"weights file {problem}");

    private static WeightsFileException NotSafetensors(string path, string why) =>
        new($"weights file '{path}' is not a safetensors file: {why}");
}
