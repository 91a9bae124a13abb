using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Reads a sweep spec's YAML (or JSON) into <see cref="SpecNode"/>s from YamlDotNet's event
/// stream, within <see cref="SweepSpecLimits"/>. YamlDotNet's own tree copies nothing for an alias
/// but hashes a complex key recursively, so nested aliases used as keys cost exponential time
/// before anything could be checked; here keys must be scalars, an alias is the anchored node
/// itself, and the size an alias adds is known from its node, so every limit is checked as each
/// event arrives and nothing is ever expanded.
/// </summary>
internal static class SpecYamlReader
{
    private const string OneMapping = "a sweep spec is one mapping (content, style, settings, axes)";

    /// <summary>The spec's root mapping; throws <see cref="SweepSpecException"/> for anything else or over a limit.</summary>
    public static SpecNode Read(string text)
    {
        // Characters first: a string far too long is refused without counting its encoding.
        if (text.Length > SweepSpecLimits.MaxSpecBytes || System.Text.Encoding.UTF8.GetByteCount(text) > SweepSpecLimits.MaxSpecBytes)
        {
            throw new SweepSpecException($"the spec is over the limit of {SweepSpecLimits.MaxSpecBytes} bytes");
        }
        return Build(new Parser(new StringReader(text)));
    }

    /// <summary>The next event; YamlDotNet's failures on malformed text become spec errors.</summary>
    private static bool Next(IParser parser)
    {
        var last = parser.Current?.End;
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException e)
        {
            throw new SweepSpecException($"not valid YAML or JSON at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed flow text (found by the fuzz test).
            var where = last is { } mark ? $" after line {mark.Line}, column {mark.Column}" : "";
            throw new SweepSpecException($"not valid YAML or JSON{where}");
        }
    }

    private static SpecNode Build(IParser parser)
    {
        var reading = new Reading();
        SpecNode? root = null;
        var documents = 0;
        while (Next(parser))
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        throw new SweepSpecException($"{OneMapping}; this file has several YAML documents");
                    }
                    break;
                case Scalar scalar:
                    reading.Scalar(scalar);
                    break;
                case AnchorAlias alias:
                    reading.Alias(alias);
                    break;
                case SequenceStart start:
                    reading.Open(SpecNode.Sequence(start.Start.Line, start.Start.Column), start);
                    break;
                case MappingStart start:
                    reading.Open(SpecNode.Mapping(start.Start.Line, start.Start.Column), start);
                    break;
                case SequenceEnd or MappingEnd:
                    reading.Close();
                    break;
                case DocumentEnd:
                    root = reading.Root;
                    break;
            }
        }
        return root is { Kind: SpecNode.Shape.Mapping } ? root : throw new SweepSpecException(OneMapping);
    }

    /// <summary>The open collections, the anchors seen so far and the running totals the limits apply to.</summary>
    private sealed class Reading
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, SpecNode> _anchors = [];
        private long _nodes;
        private int _aliases;

        public SpecNode? Root { get; private set; }

        public void Scalar(Scalar scalar)
        {
            if (_open.TryPeek(out var parent) && parent.ExpectsKey)
            {
                if (scalar.Value.Length > SweepSpecLimits.MaxKeyChars)
                {
                    throw new SweepSpecException($"line {scalar.Start.Line}: a key of {scalar.Value.Length} characters is over the limit of {SweepSpecLimits.MaxKeyChars}");
                }
                if (!parent.Keys.Add(scalar.Value))
                {
                    throw new SweepSpecException($"line {scalar.Start.Line}: key '{scalar.Value}' appears twice in one mapping");
                }
                Count(1, scalar.Start);
                parent.PendingKey = scalar.Value;
                return;
            }
            if (scalar.Value.Length > SweepSpecLimits.MaxTitleChars)
            {
                throw new SweepSpecException($"line {scalar.Start.Line}: a value of {scalar.Value.Length} characters is over the limit of {SweepSpecLimits.MaxTitleChars}");
            }
            Attach(SpecNode.Scalar(scalar.Value, scalar.Start.Line, scalar.Start.Column), scalar.Anchor, scalar.Start);
        }

        public void Alias(AnchorAlias alias)
        {
            if (++_aliases > SweepSpecLimits.MaxAliases)
            {
                throw new SweepSpecException($"line {alias.Start.Line}: more than {SweepSpecLimits.MaxAliases} aliases, the limit of a spec");
            }
            if (_open.TryPeek(out var parent) && parent.ExpectsKey)
            {
                throw new SweepSpecException($"line {alias.Start.Line}, column {alias.Start.Column}: mapping keys must be plain names, not aliases");
            }
            // An anchor is registered when its node is complete, so an alias inside its own anchor finds nothing: no cycles.
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw new SweepSpecException($"line {alias.Start.Line}: alias '*{alias.Value.Value}' refers to no complete anchor before it");
            }
            Attach(anchored, AnchorName.Empty, alias.Start);
        }

        public void Open(SpecNode node, NodeEvent start)
        {
            if (_open.TryPeek(out var parent) && parent.ExpectsKey)
            {
                throw new SweepSpecException($"line {start.Start.Line}, column {start.Start.Column}: mapping keys must be plain names, not lists or mappings");
            }
            if (_open.Count + 1 > SweepSpecLimits.MaxDepth)
            {
                throw new SweepSpecException($"line {start.Start.Line}: nested deeper than {SweepSpecLimits.MaxDepth} levels, the limit of a spec");
            }
            Count(1, start.Start);
            _open.Push(new Frame(node, start.Anchor));
        }

        public void Close()
        {
            var frame = _open.Pop();
            // Its nodes were counted as they arrived; only an alias adds what it stands for.
            AttachCounted(frame.Node, frame.Anchor);
        }

        private void Attach(SpecNode node, AnchorName anchor, Mark start)
        {
            if (_open.Count + node.Height > SweepSpecLimits.MaxDepth)
            {
                throw new SweepSpecException($"line {start.Line}: nested deeper than {SweepSpecLimits.MaxDepth} levels (aliases expanded), the limit of a spec");
            }
            Count(node.ExpandedNodes, start);
            AttachCounted(node, anchor);
        }

        private void AttachCounted(SpecNode node, AnchorName anchor)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
            if (_open.TryPeek(out var parent))
            {
                parent.Node.Add(parent.PendingKey, node);
                parent.PendingKey = null;
            }
            else
            {
                Root = node;
            }
        }

        private void Count(long nodes, Mark start)
        {
            _nodes += nodes;
            if (_nodes > SweepSpecLimits.MaxNodes)
            {
                throw new SweepSpecException($"line {start.Line}: the spec expands to more than {SweepSpecLimits.MaxNodes} nodes (aliases expanded), the limit of a spec");
            }
        }
    }

    /// <summary>An open list or mapping; a mapping alternates between waiting for a key and for its value.</summary>
    private sealed class Frame(SpecNode node, AnchorName anchor)
    {
        public SpecNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public string? PendingKey { get; set; }

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public bool ExpectsKey => Node.Kind == SpecNode.Shape.Mapping && PendingKey is null;
    }
}
