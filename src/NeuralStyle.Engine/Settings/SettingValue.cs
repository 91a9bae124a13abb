using System.Globalization;

namespace NeuralStyle.Engine.Settings;

/// <summary>
/// A setting's raw value as a user wrote it: one text (a CLI option, a YAML scalar) or a list
/// (a YAML/JSON sequence). A list setting given one text splits it at commas.
/// </summary>
public sealed record SettingValue(IReadOnlyList<string> Items, bool IsList)
{
    /// <summary>A value written as one text.</summary>
    public static SettingValue Of(string text) => new([text], IsList: false);

    /// <summary>A value written as a list.</summary>
    public static SettingValue OfList(IEnumerable<string> items) => new(items.ToArray(), IsList: true);

    /// <inheritdoc />
    public override string ToString() => IsList ? $"[{string.Join(", ", Items)}]" : Items[0];

    internal string Single(string setting) => !IsList && Items.Count == 1
        ? Items[0].Trim()
        : throw new InvalidSettingException(setting, $"expected one value, got a list {this}");

    internal IReadOnlyList<string> List(string setting)
    {
        var items = IsList ? Items : Items[0].Split(',');
        var trimmed = items.Select(i => i.Trim()).ToArray();
        return trimmed.Any(i => i.Length == 0)
            ? throw new InvalidSettingException(setting, $"'{this}' has an empty item")
            : trimmed;
    }

    internal double Double(string setting) => ParseDouble(setting, Single(setting));

    internal IReadOnlyList<double> Doubles(string setting) => List(setting).Select(i => ParseDouble(setting, i)).ToArray();

    internal int Int(string setting) => ParseInt(setting, Single(setting));

    internal IReadOnlyList<int> Ints(string setting) => List(setting).Select(i => ParseInt(setting, i)).ToArray();

    internal long Long(string setting) =>
        long.TryParse(Single(setting), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidSettingException(setting, $"'{this}' is not an integer");

    internal bool Bool(string setting) => Single(setting).ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => throw new InvalidSettingException(setting, $"'{this}' is not true or false"),
    };

    internal T Enum<T>(string setting) where T : struct, System.Enum
    {
        var text = Single(setting);
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : throw new InvalidSettingException(setting,
                $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    private static double ParseDouble(string setting, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidSettingException(setting, $"'{text}' is not a number");

    private static int ParseInt(string setting, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidSettingException(setting, $"'{text}' is not an integer");
}
