namespace NeuralStyle.Engine.Sweeps;

/// <summary>An axis of a grid: the setting's name and its values as written in the spec.</summary>
public sealed record SweepGridAxis(string Axis, IReadOnlyList<string> Values);
