namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// What a sweep spec may be and expand to. YAML aliases let a few hundred bytes stand for billions
/// of nodes, so the spec is bounded both as written (bytes) and as expanded (nodes, depth), and
/// each value a spec gives is bounded where it is used as written (paths, titles, setting values).
/// </summary>
public static class SweepSpecLimits
{
    /// <summary>Largest spec file or text, in bytes (1 MiB).</summary>
    public const int MaxSpecBytes = 1 << 20;

    /// <summary>Deepest nesting of mappings and lists, counted through aliases (a spec needs 5).</summary>
    public const int MaxDepth = 16;

    /// <summary>Most aliases (<c>*name</c>) a spec may use.</summary>
    public const int MaxAliases = 1000;

    /// <summary>Most nodes (scalars, lists, mappings) a spec may expand to, each alias counted as the nodes it stands for.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Longest key in a mapping, in characters.</summary>
    public const int MaxKeyChars = 256;

    /// <summary>Longest setting value, axis value or path, in characters (Linux's PATH_MAX).</summary>
    public const int MaxValueChars = 4096;

    /// <summary>Longest title, in characters (grid pages show as much of it as fits).</summary>
    public const int MaxTitleChars = 16_384;

    /// <summary>Hard ceiling of <c>--max-renders</c>: the planner holds every render of a sweep in memory.</summary>
    public const int MaxRendersCeiling = 1_000_000;

    /// <summary>Throws unless <paramref name="value"/> has at most <see cref="MaxValueChars"/> characters.</summary>
    public static string CheckValue(string value, string where) =>
        value.Length <= MaxValueChars
            ? value
            : throw new SweepSpecException(
                $"{where}: a value of {value.Length} characters is over the limit of {MaxValueChars} (a value starting '{value[..40]}…')");
}
