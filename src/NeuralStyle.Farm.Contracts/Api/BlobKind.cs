namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>What an uploaded file is, which decides how the gateway checks it.</summary>
public enum BlobKind
{
    /// <summary>An image (content, style or init): decoded within the pixel limit.</summary>
    Image,

    /// <summary>VGG-19 weights in safetensors: the header is checked.</summary>
    Weights,
}
