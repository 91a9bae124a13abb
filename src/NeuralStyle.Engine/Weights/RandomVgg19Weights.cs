using NeuralStyle.Engine.Layers;

namespace NeuralStyle.Engine.Weights;

/// <summary>
/// Deterministic random VGG-19 feature weights in torchvision's safetensors layout, for tests and
/// offline use. Kaiming-normal weights keep activations of a similar scale through all 16 layers,
/// and small non-zero biases make a bias that is ignored or misplaced show in the losses.
/// </summary>
public static class RandomVgg19Weights
{
    /// <summary>Writes all 16 convolutions for <paramref name="seed"/>; the same seed gives the same bytes.</summary>
    public static void Write(string path, long seed)
    {
        var random = new DeterministicRandom(seed);
        var tensors = new List<(string, long[], float[])>();
        foreach (var convolution in VggLayers.Convolutions)
        {
            var std = Math.Sqrt(2.0 / (convolution.InChannels * 9));
            var weight = new float[convolution.WeightLength];
            for (var i = 0; i < weight.Length; i++)
            {
                weight[i] = (float)(random.NextNormal() * std);
            }
            var bias = new float[convolution.OutChannels];
            for (var i = 0; i < bias.Length; i++)
            {
                bias[i] = (float)(random.NextNormal() * 0.01);
            }
            tensors.Add((convolution.WeightKey, [convolution.OutChannels, convolution.InChannels, 3, 3], weight));
            tensors.Add((convolution.BiasKey, [convolution.OutChannels], bias));
        }
        SafetensorsWriter.Write(path, tensors, new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["description"] = $"random VGG-19 features, seed {seed}, written by NeuralStyle Farm (not pretrained)",
        });
    }
}
