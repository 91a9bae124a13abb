using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// The farm's JSON as a client reads it: <see cref="FarmJson.Options"/>, except that fields the
/// client does not know are skipped, so an older nsf still reads a newer gateway's answers.
/// </summary>
internal static class FarmClientJson
{
    public static JsonSerializerOptions Options { get; } = new(FarmJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
