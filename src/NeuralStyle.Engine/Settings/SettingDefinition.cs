namespace NeuralStyle.Engine.Settings;

/// <summary>One setting: its name everywhere, what it means, its default, and how a raw value applies.</summary>
public sealed record SettingDefinition(
    string Name,
    string Description,
    string DefaultText,
    Func<RenderSettings, SettingValue, RenderSettings> Apply)
{
    /// <summary>The CLI option: <c>style_weight</c> is <c>--style-weight</c>.</summary>
    public string OptionName => "--" + Name.Replace('_', '-');
}
