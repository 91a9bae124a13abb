using System.Globalization;
using System.Text.Json;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Tests.Farm;

/// <summary>
/// A deliberately plain SSE client for end-to-end tests, independent of nsf's own reader: it reads
/// lines, takes <c>id:</c>, <c>event:</c> and single-line <c>data:</c>, and dispatches on a blank line.
/// </summary>
public static class RawEvents
{
    private static readonly JsonSerializerOptions Json = new(FarmJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    /// <summary>Reads the sweep's events after <paramref name="lastEventId"/> (sent as Last-Event-ID) until <paramref name="stop"/> says so or the stream ends.</summary>
    public static async Task<List<FarmEvent>> ReadAsync(HttpClient http, Guid sweep, long? lastEventId, Func<List<FarmEvent>, bool> stop, TimeSpan limit)
    {
        using var bound = new CancellationTokenSource(limit);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/sweeps/{sweep}/events");
        if (lastEventId is { } id)
        {
            request.Headers.Add(FarmHeaders.LastEventId, id.ToString(CultureInfo.InvariantCulture));
        }
        var events = new List<FarmEvent>();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(bound.Token));
            string? sseId = null;
            string? data = null;
            while (await reader.ReadLineAsync(bound.Token) is { } line)
            {
                if (line.StartsWith("id:", StringComparison.Ordinal))
                {
                    sseId = line[3..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data = line[5..].Trim();
                }
                else if (line.Length == 0 && data is not null)
                {
                    var farmEvent = JsonSerializer.Deserialize<FarmEvent>(data, Json)!;
                    Assert.Equal(sseId, farmEvent.Id.ToString(CultureInfo.InvariantCulture));
                    events.Add(farmEvent);
                    data = null;
                    if (stop(events))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected the events of sweep {sweep} within {limit.TotalSeconds} s; got {string.Join(", ", events.Select(e => $"{e.Id} {e.Type}"))}");
        }
        return events;
    }

    /// <summary>Reads JSON from the gateway.</summary>
    public static async Task<T> GetAsync<T>(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }
}
