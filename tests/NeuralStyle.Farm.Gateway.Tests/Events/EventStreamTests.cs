using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Events;

public sealed class EventStreamTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private GatewayHarness _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHarness.StartAsync(_data.Path, runScheduler: false);

    [Fact]
    public async Task A_reader_replays_everything_after_an_id_in_order_across_pages_then_follows_live_events_nothing_twice()
    {
        var appended = await AppendAsync(600);
        var resumeAfter = appended[299];
        using var cancel = new CancellationTokenSource(GatewayHarness.Bound);
        await using var reader = _gateway.Farm.EventsAsync(resumeAfter, null, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var replayed = new List<long>();
        for (var i = 0; i < 300; i++)
        {
            Assert.True(await reader.MoveNextAsync());
            replayed.Add(reader.Current.Id);
        }
        var waiting = reader.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted, "with the log read to its end the reader waits for the next event");
        var live = await AppendAsync(3);

        Assert.True(await waiting.WaitAsync(GatewayHarness.Bound));
        var followed = new List<long> { reader.Current.Id };
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await reader.MoveNextAsync());
            followed.Add(reader.Current.Id);
        }
        Assert.Equal(appended.Skip(300), replayed);
        Assert.Equal(live, followed);
    }

    [Fact]
    public async Task A_sweep_stream_holds_its_own_and_its_renders_events_and_ends_after_sweep_completed()
    {
        var inputs = await TestInputs.UploadAsync(_gateway.Farm, _data.Path);
        var other = await _gateway.Farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec("\"seed\": [9]")), CancellationToken.None);
        var accepted = await _gateway.Farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec("\"seed\": [1, 2]")), CancellationToken.None);
        _gateway.Heartbeat(slots: 2);
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        while (_gateway.Dispatch.TryTakeBatch(out var batch))
        {
            await _gateway.CompleteAsync(batch!);
        }

        var events = new List<FarmEvent>();
        using var cancel = new CancellationTokenSource(GatewayHarness.Bound);
        await foreach (var e in _gateway.Farm.EventsAsync(0, accepted.Id, cancel.Token))
        {
            events.Add(e);
        }

        var keys = (await _gateway.Farm.GetSweepAsync(accepted.Id, CancellationToken.None))!.Renders.Select(r => r.Key).ToHashSet();
        Assert.Equal(FarmEventTypes.SweepSubmitted, events[0].Type);
        Assert.Equal(FarmEventTypes.SweepCompleted, events[^1].Type);
        Assert.All(events, e => Assert.True(e.SweepId == accepted.Id || keys.Contains(e.Key!), $"{e.Type} of another sweep"));
        Assert.Equal(2, events.Count(e => e.Type == FarmEventTypes.RenderCompleted));
        Assert.Contains(events, e => e.Type == FarmEventTypes.GridWritten);
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.DoesNotContain(events, e => e.SweepId == other.Id);

        var resumed = new List<FarmEvent>();
        await foreach (var e in _gateway.Farm.EventsAsync(events[^1].Id, accepted.Id, cancel.Token))
        {
            resumed.Add(e);
        }
        Assert.Empty(resumed);
    }

    [Fact]
    public async Task A_stream_of_an_unknown_sweep_ends_at_once()
    {
        using var cancel = new CancellationTokenSource(GatewayHarness.Bound);
        await foreach (var e in _gateway.Farm.EventsAsync(0, Guid.NewGuid(), cancel.Token))
        {
            Assert.Fail($"no event expected, got {e.Type}");
        }
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    public void Dispose() => _data.Dispose();

    /// <summary>Appends farm-wide events straight to the log, one write each; returns their ids.</summary>
    private async Task<long[]> AppendAsync(int count)
    {
        var database = _gateway.Get<FarmDatabase>();
        var events = _gateway.Get<EventRepository>();
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await database.WriteAsync(write => events.AppendAsync(write, FarmEventTypes.RenderQueued, null, null, new { n = i }),
                CancellationToken.None);
        }
        return ids;
    }
}
