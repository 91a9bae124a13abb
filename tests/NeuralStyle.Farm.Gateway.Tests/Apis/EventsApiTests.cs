using System.Net;
using System.Text.Json;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class EventsApiTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static HttpRequestMessage Get(string uri, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (lastEventId is not null)
        {
            request.Headers.Add(FarmHeaders.LastEventId, lastEventId);
        }
        return request;
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_exactly_what_it_missed()
    {
        var farm = new FakeFarm();
        var sweep = Guid.NewGuid();
        var other = Guid.NewGuid();
        farm.Sweeps[sweep] = Views.Sweep(sweep);
        farm.Append([.. Enumerable.Range(1, 6).Select(i => Views.Event(i * 2, i % 3 == 0 ? other : sweep))]);
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        List<SseEvent> first;
        using (var response = await client.SendAsync(Get($"/api/sweeps/{sweep}/events"), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            first = await reader.TakeAsync(3);
        }
        await farm.StreamCancelled.Task.WaitAsync(Bound);
        farm.Append(Views.Event(13, sweep), Views.Event(14, other), Views.Event(15, sweep, FarmEventTypes.SweepCompleted),
            Views.Event(16, sweep));

        using var resumed = await client.SendAsync(Get($"/api/sweeps/{sweep}/events", first[^1].Id.ToString()), HttpCompletionOption.ResponseHeadersRead);
        using var resumedReader = new SseReader(await resumed.Content.ReadAsStreamAsync());
        var rest = await resumedReader.ToEndAsync();

        Assert.Equal([2, 4, 8], first.Select(e => e.Id));
        Assert.Equal([10, 13, 15], rest.Select(e => e.Id));
        Assert.Equal(FarmEventTypes.SweepCompleted, rest[^1].Type);
        Assert.Contains($"Events 8 {sweep}", farm.Calls);
    }

    [Fact]
    public async Task Each_event_carries_its_id_type_and_the_event_as_one_line_of_farm_json()
    {
        var farm = new FakeFarm();
        var sweep = Guid.NewGuid();
        farm.Sweeps[sweep] = Views.Sweep(sweep);
        farm.Append(Views.Event(7, sweep, FarmEventTypes.RenderStarted), Views.Event(9, sweep, FarmEventTypes.SweepCompleted));
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().SendAsync(Get($"/api/sweeps/{sweep}/events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ToEndAsync();

        Assert.Equal(2, events.Count);
        Assert.Equal(7, events[0].Id);
        Assert.Equal(FarmEventTypes.RenderStarted, events[0].Type);
        var data = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal(7, data.GetProperty("id").GetInt64());
        Assert.Equal(sweep, data.GetProperty("sweep_id").GetGuid());
        Assert.Equal(Views.Key, data.GetProperty("key").GetString());
        Assert.Equal(7, data.GetProperty("data").GetProperty("iteration").GetInt32());
    }

    [Fact]
    public async Task The_farm_wide_stream_resumes_after_the_query_position_and_the_header_wins_over_it()
    {
        var farm = new FakeFarm();
        farm.Append([.. Enumerable.Range(1, 8).Select(i => Views.Event(i, Guid.NewGuid()))]);
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        List<SseEvent> byQuery, byHeader;
        using (var response = await client.SendAsync(Get("/api/events?after=3"), HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            byQuery = await reader.TakeAsync(5);
        }
        using (var response = await client.SendAsync(Get("/api/events?after=1", "6"), HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            byHeader = await reader.TakeAsync(2);
        }

        Assert.Equal([4, 5, 6, 7, 8], byQuery.Select(e => e.Id));
        Assert.Equal([7, 8], byHeader.Select(e => e.Id));
    }

    [Fact]
    public async Task A_quiet_stream_sends_keep_alive_comments()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, keepAlive: TimeSpan.FromMilliseconds(20));

        using var response = await factory.CreateClient().SendAsync(Get("/api/events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("keep-alive", await reader.NextCommentAsync());
    }

    [Theory]
    [InlineData("abc", null)]
    [InlineData("-1", null)]
    [InlineData(null, "1e3")]
    [InlineData(null, "99999999999999999999")]
    public async Task A_malformed_resume_position_is_400_before_any_stream(string? header, string? query)
    {
        var farm = new FakeFarm();
        var sweep = Guid.NewGuid();
        farm.Sweeps[sweep] = Views.Sweep(sweep);
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();
        var suffix = query is null ? "" : $"?after={query}";

        using var all = await client.SendAsync(Get($"/api/events{suffix}", header));
        using var one = await client.SendAsync(Get($"/api/sweeps/{sweep}/events{suffix}", header));

        await Problems.AssertProblemAsync(all, HttpStatusCode.BadRequest, "bad_request");
        await Problems.AssertProblemAsync(one, HttpStatusCode.BadRequest, "bad_request");
        Assert.Equal(0, farm.CallsTo("Events"));
    }

    [Fact]
    public async Task An_unknown_sweeps_stream_is_404_and_never_opened()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().GetAsync($"/api/sweeps/{Guid.NewGuid()}/events");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, farm.CallsTo("Events"));
    }
}
