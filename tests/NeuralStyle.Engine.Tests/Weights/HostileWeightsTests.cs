using System.Buffers.Binary;
using System.Text;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Tests.Weights;

/// <summary>Weights files a user or a network could hand the engine: each is a clear <see cref="WeightsFileException"/>.</summary>
public sealed class HostileWeightsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string WithHeader(string name, string header, int dataBytes)
    {
        var path = _directory.File(name);
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Weights_holding_nan_are_refused_when_loaded_naming_the_tensor()
    {
        var path = _directory.File("nan.safetensors");
        var weights = new float[64 * 3 * 9];
        weights[5] = float.NaN;
        SafetensorsWriter.Write(path, [("features.0.weight", [64, 3, 3, 3], weights), ("features.0.bias", [64], new float[64])]);

        var error = Assert.Throws<WeightsFileException>(() => Vgg19Weights.Load(path, 1));
        Assert.Contains("tensor 'features.0.weight' holds NaN at element 5", error.Message);
    }

    [Fact]
    public void An_infinite_bias_is_refused_too()
    {
        var path = _directory.File("inf.safetensors");
        var bias = new float[64];
        bias[63] = float.PositiveInfinity;
        SafetensorsWriter.Write(path, [("features.0.weight", [64, 3, 3, 3], new float[64 * 27]), ("features.0.bias", [64], bias)]);
        Assert.Contains("'features.0.bias' holds an infinity", Assert.Throws<WeightsFileException>(() => Vgg19Weights.Load(path, 1)).Message);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1,-4],"data_offsets":[0,16]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1e30],"data_offsets":[0,16]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,99999999999999999999]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":"4","data_offsets":[0,16]}}""")]
    [InlineData("""{"a":[1,2]}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"__metadata__":{"k":1}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}}""")]
    public void A_header_with_impossible_shapes_or_types_is_not_safetensors(string header)
    {
        var path = WithHeader("bad.safetensors", header, 16);
        Assert.Contains("is not a safetensors file", Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path)).Message);
    }

    [Fact]
    public void A_header_of_many_megabytes_is_refused_before_it_is_parsed()
    {
        // A shape of millions of zeros parses to a huge array; no real weights header is near 16 MiB.
        var header = """{"a":{"dtype":"F32","shape":[""" + string.Join(',', Enumerable.Repeat('0', 9_000_000)) + """],"data_offsets":[0,0]}}""";
        var path = WithHeader("bomb.safetensors", header, 0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        Assert.Contains("header length", Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path)).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20, "the header should not have been read");
    }

    [Fact]
    public void A_shape_whose_element_count_overflows_is_not_mistaken_for_a_small_tensor()
    {
        // 2^62 * 4 wraps to 0 in 64 bits: an unchecked product would make an empty byte range "fit".
        var path = WithHeader("wrap.safetensors", """{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}}""", 0);
        Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path).ReadFloats("a", [4611686018427387904]));
    }

    [Fact]
    public void A_missing_file_suggests_download_and_random_weights_under_another_name()
    {
        var error = Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(_directory.File("vgg19.tv_in1k.safetensors")));
        Assert.Contains("'nsf weights download'", error.Message);
        Assert.Contains("'nsf weights random --out vgg19-random.safetensors' and pass --weights vgg19-random.safetensors", error.Message);
        Assert.DoesNotContain("--out " + _directory.File("vgg19.tv_in1k.safetensors"), error.Message);
    }

    [Fact]
    public void A_fifo_directory_or_device_is_refused_without_blocking()
    {
        var fifo = HostileFiles.Fifo(_directory.File("pipe.safetensors"));
        foreach (var path in new[] { fifo, "/dev/zero", _directory.Path })
        {
            Assert.IsType<WeightsFileException>(HostileFiles.ThrownWithin(() => SafetensorsFile.Open(path), $"SafetensorsFile.Open({path})", fifo));
            Assert.IsType<WeightsFileException>(HostileFiles.ThrownWithin(() => Vgg19Weights.HashOf(path), $"Vgg19Weights.HashOf({path})", fifo));
        }
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        var path = _directory.File("sparse.safetensors");
        using (var stream = File.Create(path))
        {
            // A sparse file: large by its size, nothing on disk.
            stream.SetLength(SafetensorsFile.MaxFileBytes + 1);
        }
        var error = Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path));
        Assert.Contains("over the limit of 2 GiB", error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
