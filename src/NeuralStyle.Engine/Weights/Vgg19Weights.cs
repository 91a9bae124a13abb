using NeuralStyle.Engine.IO;
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

    /// <summary>
    /// Loads only the convolutions needed to reach <paramref name="convolutionCount"/>; every value
    /// must be finite (a NaN weight makes every loss NaN, which would look like a diverged render).
    /// </summary>
    public static Vgg19Weights Load(string path, int convolutionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(convolutionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(convolutionCount, VggLayers.Convolutions.Count);
        var file = SafetensorsFile.Open(path);
        var weights = new List<float[]>();
        var biases = new List<float[]>();
        foreach (var convolution in VggLayers.Convolutions.Take(convolutionCount))
        {
            weights.Add(Finite(path, convolution.WeightKey, file.ReadFloats(convolution.WeightKey,
                [convolution.OutChannels, convolution.InChannels, 3, 3])));
            biases.Add(Finite(path, convolution.BiasKey, file.ReadFloats(convolution.BiasKey, [convolution.OutChannels])));
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

    /// <summary>Lower-case hex SHA-256 of a weights file (a regular file within <see cref="SafetensorsFile.MaxFileBytes"/>).</summary>
    public static string HashOf(string path) =>
        InputFiles.Sha256(path, SafetensorsFile.MaxFileBytes, problem => new WeightsFileException($"weights file {problem}"));

    private static float[] Finite(string path, string tensor, float[] values)
    {
        var bad = Array.FindIndex(values, v => !float.IsFinite(v));
        return bad < 0
            ? values
            : throw new WeightsFileException(
                $"weights file '{path}': tensor '{tensor}' holds {(float.IsNaN(values[bad]) ? "NaN" : "an infinity")} at element {bad}; weights must be finite numbers, so the file is damaged or not VGG-19 weights");
    }
}
