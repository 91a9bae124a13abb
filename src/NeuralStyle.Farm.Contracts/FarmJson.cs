using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// The farm's JSON: the same options as the engine's settings JSON (<c>style_weight</c>, enums in
/// lower case, non-finite numbers as <c>"NaN"</c> and <c>"Infinity"</c>), so a setting has one
/// name in the CLI, a sweep spec, a trace, the HTTP API and every message.
/// </summary>
public static class FarmJson
{
    /// <summary>
    /// snake_case names, nulls left out, enums as snake_case strings, unknown fields refused (a
    /// misspelt setting must fail, not fall back to its default; events, which gain fields over
    /// versions, skip unknown fields instead, so an older reader still reads a newer event), named float literals allowed
    /// (a diverged render's losses are infinite or NaN, which JSON numbers cannot carry).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Compact JSON of <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// Reads <typeparamref name="T"/>; malformed JSON, an unknown field or a wrong type is an
    /// <see cref="InvalidContractException"/> naming where it is, never a raw parser exception.
    /// </summary>
    public static T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new InvalidContractException([new ContractProblem(typeof(T).Name, "is null")]);
        }
        catch (JsonException e)
        {
            throw new InvalidContractException([new ContractProblem(e.Path ?? "$", $"not a valid {typeof(T).Name}: {e.Message}")]);
        }
    }
}
