namespace NeuralStyle.Farm.Contracts;

/// <summary>VGG-19's pooling (setting <c>pooling</c>): <c>max</c> or <c>avg</c>.</summary>
public enum PortablePooling
{
    /// <summary>2x2 max pooling, as the network was trained.</summary>
    Max,

    /// <summary>2x2 average pooling.</summary>
    Avg,
}
