using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// <see cref="RenderStatus"/> as its snake_case word. Reads the words of manifests and journals
/// written before the farm as well (<c>pending</c> is <see cref="RenderStatus.Queued"/>, <c>done</c>
/// is <see cref="RenderStatus.Succeeded"/>), so an older sweep directory still resumes. Applied to
/// the properties that hold a status, since a property's converter wins over the options' enum converter.
/// </summary>
public sealed class RenderStatusJsonConverter : JsonConverter<RenderStatus>
{
    /// <summary>The word written for <paramref name="status"/>.</summary>
    public static string Word(RenderStatus status) => status switch
    {
        RenderStatus.Queued => "queued",
        RenderStatus.Running => "running",
        RenderStatus.Succeeded => "succeeded",
        RenderStatus.Failed => "failed",
        RenderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a render status"),
    };

    /// <inheritdoc/>
    public override RenderStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a render status is a string, not {reader.TokenType}");
        }
        return reader.GetString() switch
        {
            "queued" or "pending" => RenderStatus.Queued,
            "running" => RenderStatus.Running,
            "succeeded" or "done" => RenderStatus.Succeeded,
            "failed" => RenderStatus.Failed,
            "cancelled" => RenderStatus.Cancelled,
            _ => throw new JsonException("not a render status (queued, running, succeeded, failed, cancelled)"),
        };
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RenderStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Word(value));
}
