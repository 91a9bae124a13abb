using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// Follows a sweep's live events to its end (<c>sweep_completed</c> or <c>sweep_cancelled</c>). A
/// dropped connection, or a gateway that is restarting, is retried with <c>Last-Event-ID</c> set
/// to the last event received, so nothing is missed; an event id at or below one already seen is
/// dropped, so nothing is seen twice. Retries are bounded: after <see cref="MaxReconnects"/>
/// failures in a row without an event the stream gives up.
/// </summary>
internal sealed class FarmEventStream(FarmClient client, Guid sweepId, long after, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    /// <summary>Reconnections in a row without an event before giving up (about a minute and a half of waiting).</summary>
    public const int MaxReconnects = 20;

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>The id of the last event returned.</summary>
    public long LastEventId { get; private set; } = after;

    /// <summary>Reconnections made so far.</summary>
    public int Reconnects { get; private set; }

    public async IAsyncEnumerable<FarmEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        var wait = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await client.OpenEventsAsync(sweepId, LastEventId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            }
            catch (GatewayUnreachableException) when (failures < MaxReconnects)
            {
            }
            catch (FarmApiException e) when (e.Status >= HttpStatusCode.InternalServerError && failures < MaxReconnects)
            {
                // A gateway starting up (not ready) or restarting answers 503 for a moment.
            }
            if (response is not null)
            {
                using (response)
                {
                    using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                    await using var events = reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                    while (await NextAsync(events, cancellationToken) is { } next)
                    {
                        failures = 0;
                        var farmEvent = Parse(next);
                        if (farmEvent.Id <= LastEventId)
                        {
                            continue;
                        }
                        LastEventId = farmEvent.Id;
                        yield return farmEvent;
                        if (farmEvent.Type is FarmEventTypes.SweepCompleted or FarmEventTypes.SweepCancelled)
                        {
                            yield break;
                        }
                    }
                    wait = reader.Retry ?? wait;
                }
            }
            if (++failures > MaxReconnects)
            {
                throw new GatewayUnreachableException(client.Gateway,
                    $"the event stream of sweep {sweepId} broke off {MaxReconnects} times in a row without an event (last event {LastEventId})");
            }
            Reconnects++;
            await _delay(wait, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxDelay.Ticks));
        }
    }

    /// <summary>The next event, or null when the stream ended or broke (both mean: reconnect).</summary>
    private static async Task<ServerSentEvent?> NextAsync(IAsyncEnumerator<ServerSentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private FarmEvent Parse(ServerSentEvent next)
    {
        try
        {
            return JsonSerializer.Deserialize<FarmEvent>(next.Data, FarmClientJson.Options) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new FarmApiException(HttpStatusCode.OK, null,
                $"the gateway's event {next.Id} ({next.Type}) of sweep {sweepId} is not a farm event nsf can read: {e.Message}");
        }
    }
}
