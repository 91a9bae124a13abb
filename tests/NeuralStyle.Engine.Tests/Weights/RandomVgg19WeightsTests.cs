using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Tests.Weights;

public sealed class RandomVgg19WeightsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void The_same_seed_writes_the_same_bytes_and_another_seed_other_bytes()
    {
        RandomVgg19Weights.Write(_directory.File("a"), 3);
        RandomVgg19Weights.Write(_directory.File("b"), 3);
        RandomVgg19Weights.Write(_directory.File("c"), 4);
        Assert.Equal(Vgg19Weights.HashOf(_directory.File("a")), Vgg19Weights.HashOf(_directory.File("b")));
        Assert.NotEqual(Vgg19Weights.HashOf(_directory.File("a")), Vgg19Weights.HashOf(_directory.File("c")));
    }

    [Fact]
    public void Random_weights_load_as_vgg19_with_he_scaled_values_and_nonzero_biases()
    {
        var path = _directory.File("w.safetensors");
        RandomVgg19Weights.Write(path, 1);

        var weights = Vgg19Weights.Load(path, 16);

        Assert.Equal(16, weights.ConvolutionCount);
        Assert.Equal(Vgg19Weights.HashOf(path), weights.Sha256);
        var conv51 = weights.Weights[12];
        var std = Math.Sqrt(conv51.Average(w => (double)w * w));
        Assert.InRange(std, 0.9 * Math.Sqrt(2.0 / (512 * 9)), 1.1 * Math.Sqrt(2.0 / (512 * 9)));
        Assert.Contains(weights.Biases[0], b => b != 0);
    }

    [Fact]
    public void Loading_reads_only_the_convolutions_asked_for()
    {
        var path = _directory.File("partial.safetensors");
        var first = VggLayers.Convolutions[0];
        SafetensorsWriter.Write(path, [
            (first.WeightKey, [64, 3, 3, 3], new float[first.WeightLength]),
            (first.BiasKey, [64], new float[64])]);

        Assert.Equal(1, Vgg19Weights.Load(path, 1).ConvolutionCount);
        var error = Assert.Throws<WeightsFileException>(() => Vgg19Weights.Load(path, 2));
        Assert.Contains("features.2.weight", error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
