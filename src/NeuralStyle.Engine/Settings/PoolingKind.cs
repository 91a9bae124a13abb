namespace NeuralStyle.Engine.Settings;

/// <summary>VGG-19's pooling (setting <c>pooling</c>); the paper prefers average pooling.</summary>
public enum PoolingKind
{
    /// <summary>2x2 max pooling, as the network was trained.</summary>
    Max,

    /// <summary>2x2 average pooling.</summary>
    Avg,
}
