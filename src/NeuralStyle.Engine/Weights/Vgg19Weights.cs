using System.Security.Cryptography;
using NeuralStyle.Engine.Layers;

namespace NeuralStyle.Engine.Weights;

/// <summary>The first <see cref="ConvolutionCount"/> convolutions of VGG-19, read from a safetensors file.</summary>
public sealed class Vgg19Weights
{
    private Vgg19Weights(string path, string sha256, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases)
    {
        Path = path;
        Sha256 = sha256;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>The file the weights came from.</summary>
    public string Path { get; }

    /// <summary>Lower-case hex SHA-256 of the whole file; recorded in every output.</summary>
    public string Sha256 { get; }

    /// <summary>Number of convolutions loaded (1..16), from conv1_1 on.</summary>
    public int ConvolutionCount => Weights.Count;

    /// <summary>Convolution weights [out, in, 3, 3], in network order.</summary>
    public IReadOnlyList<float[]> Weights { get; }

    /// <summary>Convolution biases [out], in network order.</summary>
    public IReadOnlyList<float[]> Biases { get; }

    /// <summary>Loads only the convolutions needed to reach <paramref name="convolutionCount"/>.</summary>
    public static Vgg19Weights Load(string path, int convolutionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(convolutionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(convolutionCount, VggLayers.Convolutions.Count);
        var file = SafetensorsFile.Open(path);
        var weights = new List<float[]>();
        var biases = new List<float[]>();
        foreach (var convolution in VggLayers.Convolutions.Take(convolutionCount))
        {
            weights.Add(file.ReadFloats(convolution.WeightKey,
                [convolution.OutChannels, convolution.InChannels, 3, 3]));
            biases.Add(file.ReadFloats(convolution.BiasKey, [convolution.OutChannels]));
        }
        return new Vgg19Weights(path, HashOf(path), weights, biases);
    }

    /// <summary>Checks, from the header alone, that the file holds the first <paramref name="convolutionCount"/> convolutions.</summary>
    public static void Check(string path, int convolutionCount)
    {
        var file = SafetensorsFile.Open(path);
        foreach (var convolution in VggLayers.Convolutions.Take(convolutionCount))
        {
            file.Require(convolution.WeightKey, [convolution.OutChannels, convolution.InChannels, 3, 3]);
            file.Require(convolution.BiasKey, [convolution.OutChannels]);
        }
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
