namespace NeuralStyle.Engine.Weights;

/// <summary>One tensor's header entry: dtype, shape and byte range relative to the data section.</summary>
public sealed record SafetensorsEntry(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>Number of elements the shape describes.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    /// <summary>The shape as torch prints it, for messages.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
