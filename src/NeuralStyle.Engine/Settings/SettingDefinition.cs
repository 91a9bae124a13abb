namespace NeuralStyle.Engine.Settings;

/// <summary>
/// One setting: its name everywhere, what it means, its default, and how a raw value applies.
/// A flag is a true/false setting: on the command line it takes zero or one value, and alone
/// (<c>--original-colors</c>) it means true.
/// </summary>
public sealed record SettingDefinition(
    string Name,
    string Description,
    string DefaultText,
    Func<RenderSettings, SettingValue, RenderSettings> Apply,
    bool IsFlag = false)
{
    /// <summary>The CLI option: <c>style_weight</c> is <c>--style-weight</c>.</summary>
    public string OptionName => "--" + Name.Replace('_', '-');
}
