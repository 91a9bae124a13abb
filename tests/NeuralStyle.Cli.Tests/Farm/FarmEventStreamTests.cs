using System.Net;
using System.Text;
using System.Text.Json;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Tests.Farm;

public sealed class FarmEventStreamTests
{
    private static readonly Guid Sweep = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private static string Event(long id, string type) =>
        $"id: {id}\nevent: {type}\ndata: {FarmJson.Serialize(new FarmEvent(id, type, DateTimeOffset.UnixEpoch, Sweep, null, JsonSerializer.SerializeToElement(new { })))}\n\n";

    private static HttpResponseMessage Stream(string body) => new(HttpStatusCode.OK)
    {
        Content = new StreamContent(new ChunkedStream(Encoding.UTF8.GetBytes(body), 7)),
    };

    private static async Task<List<long>> ReadAll(FarmEventStream stream)
    {
        var ids = new List<long>();
        await foreach (var e in stream.ReadAsync(CancellationToken.None))
        {
            ids.Add(e.Id);
        }
        return ids;
    }

    [Fact]
    public async Task A_dropped_stream_resumes_after_the_last_event_and_nothing_arrives_twice()
    {
        var handler = new StubHandler((_, n) => n switch
        {
            // The first connection breaks off after event 2, in the middle of event 3.
            0 => Stream(Event(1, FarmEventTypes.RenderStarted) + Event(2, FarmEventTypes.RenderCompleted) + "id: 3\nevent: render_"),
            // A gateway may resend what the client already has; it is dropped.
            _ => Stream(": keep-alive\n\n" + Event(2, FarmEventTypes.RenderCompleted) + Event(3, FarmEventTypes.GridWritten) + Event(4, FarmEventTypes.SweepCompleted) + Event(5, FarmEventTypes.RenderStarted)),
        });
        using var client = new FarmClient(new Uri("http://gateway.test"), null, handler);
        var stream = new FarmEventStream(client, Sweep, after: 0, delay: (_, _) => Task.CompletedTask);
        Assert.Equal([1, 2, 3, 4], await ReadAll(stream));
        Assert.Equal(1, stream.Reconnects);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("0", handler.Requests[0].Headers.GetValues(FarmHeaders.LastEventId).Single());
        Assert.Equal("2", handler.Requests[1].Headers.GetValues(FarmHeaders.LastEventId).Single());
        Assert.Equal($"/api/sweeps/{Sweep}/events", handler.Requests[1].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_stream_that_keeps_breaking_without_events_gives_up_after_the_bound()
    {
        var handler = new StubHandler((_, _) => Stream(": keep-alive\n\n"));
        using var client = new FarmClient(new Uri("http://gateway.test"), null, handler);
        var waits = new List<TimeSpan>();
        var stream = new FarmEventStream(client, Sweep, after: 9, delay: (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
        var e = await Assert.ThrowsAsync<GatewayUnreachableException>(() => ReadAll(stream));
        Assert.Contains("broke off", e.Message);
        Assert.Equal(FarmEventStream.MaxReconnects + 1, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("9", r.Headers.GetValues(FarmHeaders.LastEventId).Single()));
        Assert.True(waits.Max() <= TimeSpan.FromSeconds(5), "waits between reconnections are capped");
    }

    [Fact]
    public async Task A_gateway_restarting_is_waited_for()
    {
        var handler = new StubHandler((_, n) => n < 3
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : Stream(Event(8, FarmEventTypes.SweepCancelled)));
        using var client = new FarmClient(new Uri("http://gateway.test"), null, handler);
        var stream = new FarmEventStream(client, Sweep, after: 7, delay: (_, _) => Task.CompletedTask);
        Assert.Equal([8], await ReadAll(stream));
        Assert.Equal(3, stream.Reconnects);
    }

    [Fact]
    public async Task A_refusal_such_as_an_unknown_sweep_is_not_retried()
    {
        var handler = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.NotFound));
        using var client = new FarmClient(new Uri("http://gateway.test"), null, handler);
        var stream = new FarmEventStream(client, Sweep, after: 0, delay: (_, _) => Task.CompletedTask);
        var e = await Assert.ThrowsAsync<FarmApiException>(() => ReadAll(stream));
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.Single(handler.Requests);
    }
}
