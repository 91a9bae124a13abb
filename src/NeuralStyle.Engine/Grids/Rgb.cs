namespace NeuralStyle.Engine.Grids;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct Rgb(int R, int G, int B)
{
    /// <summary>Page background.</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>Text.</summary>
    public static Rgb Ink => new(30, 30, 30);

    /// <summary>Secondary text.</summary>
    public static Rgb Muted => new(100, 100, 100);

    /// <summary>Background of a failed cell.</summary>
    public static Rgb FailedFill => new(248, 210, 210);

    /// <summary>Text of a failed cell.</summary>
    public static Rgb FailedInk => new(150, 20, 20);

    /// <summary>Background of a cell not rendered (yet).</summary>
    public static Rgb MissingFill => new(225, 225, 225);
}
