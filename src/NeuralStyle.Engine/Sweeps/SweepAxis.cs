using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>A setting swept over a list of values.</summary>
public sealed record SweepAxis(string Name, IReadOnlyList<SettingValue> Values);
