using System.Buffers.Binary;
using System.Text;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Tests.Weights;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Tensors_written_are_read_back_with_their_shapes_and_metadata()
    {
        var path = _directory.File("t.safetensors");
        SafetensorsWriter.Write(path, [("a", [2, 3], [1, 2, 3, 4, 5, 6]), ("b", [1], [-0.5f])],
            new Dictionary<string, string> { ["format"] = "pt" });

        var file = SafetensorsFile.Open(path);

        Assert.Equal([1f, 2, 3, 4, 5, 6], file.ReadFloats("a", [2, 3]));
        Assert.Equal([-0.5f], file.ReadFloats("b", [1]));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(0, (new FileInfo(path).Length - 8 - 6 * 4 - 4) % 8);
    }

    [Fact]
    public void A_missing_tensor_is_named_with_the_shape_it_should_have()
    {
        var path = _directory.File("t.safetensors");
        SafetensorsWriter.Write(path, [("a", [1], [1])]);
        var error = Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path).ReadFloats("features.0.weight", [64, 3, 3, 3]));
        Assert.Contains("has no tensor 'features.0.weight'", error.Message);
        Assert.Contains("[64, 3, 3, 3]", error.Message);
    }

    [Fact]
    public void A_tensor_of_the_wrong_shape_is_an_error_naming_both_shapes()
    {
        var path = _directory.File("t.safetensors");
        SafetensorsWriter.Write(path, [("features.0.bias", [32], new float[32])]);
        var error = Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path).ReadFloats("features.0.bias", [64]));
        Assert.Contains("has shape [32], expected [64]", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 255, 255, 255, 255, 255, 255, 255, 127, 0, 0 })]
    public void A_file_that_is_not_safetensors_is_rejected(byte[] content)
    {
        var path = _directory.File("bad.safetensors");
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path));
        Assert.Contains("is not a safetensors file", error.Message);
    }

    [Fact]
    public void A_header_that_is_not_json_is_rejected()
    {
        var path = _directory.File("bad.safetensors");
        var header = Encoding.UTF8.GetBytes("{not json");
        var bytes = new byte[8 + header.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("not valid safetensors JSON", Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(path)).Message);
    }

    [Fact]
    public void A_missing_file_says_how_to_get_weights()
    {
        var error = Assert.Throws<WeightsFileException>(() => SafetensorsFile.Open(_directory.File("none.safetensors")));
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("nsf weights random", error.Message);
    }

    [Fact]
    public void Half_and_bfloat16_tensors_are_widened_to_float32()
    {
        var path = _directory.File("half.safetensors");
        // 1.5 in F16 is 0x3E00; -2.0 in BF16 is 0xC000.
        const string header = """{"h":{"dtype":"F16","shape":[1],"data_offsets":[0,2]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[2,4]}}""";
        var headerBytes = Encoding.UTF8.GetBytes(header);
        using (var stream = File.Create(path))
        {
            var length = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, headerBytes.Length);
            stream.Write(length);
            stream.Write(headerBytes);
            stream.Write([0x00, 0x3E, 0x00, 0xC0]);
        }
        var file = SafetensorsFile.Open(path);
        Assert.Equal([1.5f], file.ReadFloats("h", [1]));
        Assert.Equal([-2.0f], file.ReadFloats("b", [1]));
    }

    public void Dispose() => _directory.Dispose();
}
