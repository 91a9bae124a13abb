using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>One render of a sweep and where it sits: its page, row and column, and the axis values that made it.</summary>
public sealed record SweepPoint(
    int Index,
    int Page,
    int Row,
    int Column,
    RenderRequest Request,
    IReadOnlyList<KeyValuePair<string, SettingValue>> Coordinates)
{
    /// <summary>"style_layers=[relu1_1], alpha_beta=1e-5": for logs and errors.</summary>
    public string Describe() => Coordinates.Count == 0
        ? "(no axes)"
        : string.Join(", ", Coordinates.Select(c => $"{c.Key}={c.Value}"));
}
