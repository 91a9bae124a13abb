namespace NeuralStyle.Engine.Rendering;

/// <summary>What a set of feature targets matches: content features or style Gram matrices.</summary>
public enum TargetKind
{
    /// <summary>Feature maps P^l of the content image.</summary>
    Content,

    /// <summary>Gram matrices A^l of the style image(s).</summary>
    Style,
}
