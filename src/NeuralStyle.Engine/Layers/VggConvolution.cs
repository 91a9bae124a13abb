namespace NeuralStyle.Engine.Layers;

/// <summary>One 3x3 convolution of VGG-19: its name, its index in <c>features</c> and its channels.</summary>
public sealed record VggConvolution(string Name, int FeatureIndex, int InChannels, int OutChannels)
{
    /// <summary>Elements of the weight tensor [out, in, 3, 3].</summary>
    public int WeightLength => OutChannels * InChannels * 9;

    /// <summary>The safetensors key of the weight, torchvision's name.</summary>
    public string WeightKey => $"features.{FeatureIndex}.weight";

    /// <summary>The safetensors key of the bias, torchvision's name.</summary>
    public string BiasKey => $"features.{FeatureIndex}.bias";
}
