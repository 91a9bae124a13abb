using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralStyle.Engine.Settings;

/// <summary>
/// Settings as JSON with the settings' own names (<c>style_weight</c>), enums in lower case. Every
/// JSON output of settings and losses (traces, PNG metadata, snapshots, sweep.json) is built on
/// these options.
/// </summary>
public static class RenderSettingsJson
{
    /// <summary>The options every JSON output of settings uses.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        // A diverged render's losses are infinite or NaN, which JSON numbers cannot carry: they are
        // written as the strings "Infinity", "-Infinity" and "NaN" and read back as numbers.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Compact JSON of <paramref name="settings"/>.</summary>
    public static string Serialize(RenderSettings settings) => JsonSerializer.Serialize(settings, Options);

    /// <summary>A JSON element of <paramref name="settings"/>, for embedding in traces and manifests.</summary>
    public static JsonElement ToElement(RenderSettings settings) => JsonSerializer.SerializeToElement(settings, Options);

    /// <summary>Reads settings written by <see cref="Serialize"/> and validates them.</summary>
    public static RenderSettings Deserialize(string json)
    {
        try
        {
            var settings = JsonSerializer.Deserialize<RenderSettings>(json, Options)
                ?? throw new InvalidSettingException("settings", "is null");
            RenderSettingsValidator.Validate(settings);
            return settings;
        }
        catch (JsonException e)
        {
            throw new InvalidSettingException("settings", $"not valid settings JSON: {e.Message}");
        }
    }
}
