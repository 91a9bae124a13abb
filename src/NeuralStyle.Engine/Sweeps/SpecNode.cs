namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// One node of a sweep spec as read by <see cref="SpecYamlReader"/>: a scalar, a list or a mapping
/// with plain-text keys. An alias is the anchored node itself (shared, never copied), so
/// <see cref="ExpandedNodes"/> and <see cref="Height"/> say how big the node is once aliases are
/// expanded, without expanding them.
/// </summary>
internal sealed class SpecNode
{
    private readonly List<SpecNode>? _items;
    private readonly List<KeyValuePair<string, SpecNode>>? _entries;

    private SpecNode(Shape kind, long line, long column, string text)
    {
        Kind = kind;
        Line = line;
        Column = column;
        Text = text;
        _items = kind == Shape.Sequence ? [] : null;
        _entries = kind == Shape.Mapping ? [] : null;
    }

    /// <summary>What a node is.</summary>
    public enum Shape
    {
        /// <summary>A text (plain, quoted or block).</summary>
        Scalar,

        /// <summary>A list.</summary>
        Sequence,

        /// <summary>A mapping of plain-text keys to nodes.</summary>
        Mapping,
    }

    public Shape Kind { get; }

    /// <summary>Where the node starts in the spec, for messages (1-based).</summary>
    public long Line { get; }

    /// <summary>Column of <see cref="Line"/> (1-based).</summary>
    public long Column { get; }

    /// <summary>A scalar's text ("" for other kinds and for an empty scalar).</summary>
    public string Text { get; }

    /// <summary>A list's items.</summary>
    public IReadOnlyList<SpecNode> Items => _items ?? [];

    /// <summary>A mapping's entries, in order, keys distinct.</summary>
    public IReadOnlyList<KeyValuePair<string, SpecNode>> Entries => _entries ?? [];

    /// <summary>This node and every node (keys included) below it, aliases counted as what they stand for.</summary>
    public long ExpandedNodes { get; private set; } = 1;

    /// <summary>Levels from this node down to its deepest scalar, through aliases (a scalar is 1).</summary>
    public int Height { get; private set; } = 1;

    public static SpecNode Scalar(string text, long line, long column) => new(Shape.Scalar, line, column, text);

    public static SpecNode Sequence(long line, long column) => new(Shape.Sequence, line, column, "");

    public static SpecNode Mapping(long line, long column) => new(Shape.Mapping, line, column, "");

    public string Where => $"line {Line}, column {Column}";

    /// <summary>Adds a list item or, with <paramref name="key"/>, a mapping entry.</summary>
    public void Add(string? key, SpecNode child)
    {
        if (_entries is not null)
        {
            _entries.Add(KeyValuePair.Create(key!, child));
            ExpandedNodes++;
        }
        else
        {
            _items!.Add(child);
        }
        ExpandedNodes += child.ExpandedNodes;
        Height = Math.Max(Height, child.Height + 1);
    }

    /// <summary>The value of <paramref name="key"/> in a mapping, or null.</summary>
    public SpecNode? Child(string key) => Entries.FirstOrDefault(e => e.Key == key).Value;
}
