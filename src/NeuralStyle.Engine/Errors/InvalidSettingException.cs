namespace NeuralStyle.Engine;

/// <summary>A setting or option has a value the engine cannot use.</summary>
public sealed class InvalidSettingException(string setting, string problem)
    : NeuralStyleException($"{setting}: {problem}")
{
    /// <summary>The setting's name, as in the sweep spec and JSON (<c>style_weight</c>).</summary>
    public string Setting { get; } = setting;

    /// <inheritdoc/>
    public override ErrorCode Code => ErrorCode.InvalidSetting;
}
