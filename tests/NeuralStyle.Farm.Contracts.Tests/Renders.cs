namespace NeuralStyle.Farm.Contracts.Tests;

/// <summary>Well-formed portable renders and hashes for tests.</summary>
internal static class Renders
{
    public static readonly string Content = new('c', 64);

    public static readonly string Style = new('5', 64);

    public static readonly string Style2 = new('6', 64);

    public static readonly string Weights = new('e', 64);

    public static readonly string Init = new('1', 64);

    public static readonly string OtherKey = new('a', 64);

    public static PortableRender Valid() => new()
    {
        Content = Content,
        Styles = [Style],
        Weights = Weights,
    };
}
