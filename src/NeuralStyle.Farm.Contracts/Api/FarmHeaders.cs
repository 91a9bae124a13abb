namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>HTTP header names of the farm's API.</summary>
public static class FarmHeaders
{
    /// <summary>The API key of a client.</summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>The SSE resume header (standard).</summary>
    public const string LastEventId = "Last-Event-ID";
}
