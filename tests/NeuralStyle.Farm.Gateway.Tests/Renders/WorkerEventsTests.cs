using System.Diagnostics.Metrics;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Renders;

public sealed class WorkerEventsTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly ManualTime _time = new();
    private GatewayHarness _gateway = null!;
    private TestInputs _inputs = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHarness.StartAsync(_data.Path, time: _time);
        _inputs = await TestInputs.UploadAsync(_gateway.Farm, _data.Path);
    }

    [Fact]
    public async Task A_retryable_failure_is_queued_again_until_the_last_attempt_then_fails()
    {
        var (sweep, key) = await SubmitOneAsync();
        _gateway.Heartbeat();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, $"attempt {attempt} of a retryable render");
            Assert.Equal(attempt, batch.Attempt);
            await _gateway.Events.FailedAsync(new RenderFailed(key, "device_out_of_memory", "out of memory", true, attempt, "worker-1"),
                CancellationToken.None);
        }

        var render = (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!;
        Assert.Equal((FarmRenderStatus.Failed, 3, "device_out_of_memory"), (render.Status, render.Attempts, render.ErrorCode));
        var events = await EventsOfKeyAsync(key);
        Assert.Equal(2, events.Count(e => e.Type == FarmEventTypes.RenderQueued));
        Assert.Single(events, e => e.Type == FarmEventTypes.RenderFailed);
        await _gateway.WaitForEventAsync(sweep, FarmEventTypes.SweepCompleted);
        Assert.Equal(new SweepCounts(0, 0, 0, 1, 0), (await _gateway.Farm.GetSweepAsync(sweep, CancellationToken.None))!.Counts);
    }

    [Fact]
    public async Task A_non_retryable_failure_fails_the_render_at_once()
    {
        var (sweep, key) = await SubmitOneAsync();
        _gateway.Heartbeat();
        var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the only render");

        await _gateway.Events.FailedAsync(new RenderFailed(key, "render_diverged", "the loss became NaN", false, batch.Attempt, "worker-1"),
            CancellationToken.None);

        var render = (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!;
        Assert.Equal((FarmRenderStatus.Failed, 1, "the loss became NaN"), (render.Status, render.Attempts, render.Error));
        await _gateway.WaitForEventAsync(sweep, FarmEventTypes.SweepCompleted);
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        Assert.False(_gateway.Dispatch.TryTakeBatch(out _), "a render that failed for good is not sent again");
    }

    [Fact]
    public async Task A_duplicate_completion_is_discarded_and_counted()
    {
        var (_, key) = await SubmitOneAsync();
        _gateway.Heartbeat();
        var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the only render");
        using var discarded = new DiscardedCounter(_gateway.Instruments.Meter);
        await _gateway.CompleteAsync(batch);

        await _gateway.Events.CompletedAsync(GatewayHarness.Completion(key, batch.Attempt) with { ResultSha256 = new string('b', 64) },
            CancellationToken.None);

        var render = (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!;
        Assert.Equal((FarmRenderStatus.Succeeded, key), (render.Status, render.ImageSha256));
        Assert.Equal(1, discarded.Of("duplicate"));
        Assert.Single(await EventsOfKeyAsync(key), e => e.Type == FarmEventTypes.RenderCompleted);
    }

    [Fact]
    public async Task An_event_of_an_older_attempt_is_ignored()
    {
        var (_, key) = await SubmitOneAsync();
        _gateway.Heartbeat();
        var first = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "attempt 1");
        await _gateway.Events.FailedAsync(new RenderFailed(key, "engine_failure", "crashed", true, 1, "worker-1"), CancellationToken.None);
        var second = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "attempt 2 after a retryable failure");
        using var discarded = new DiscardedCounter(_gateway.Instruments.Meter);

        await _gateway.Events.CompletedAsync(GatewayHarness.Completion(key, first.Attempt), CancellationToken.None);
        await _gateway.Events.FailedAsync(new RenderFailed(key, "render_diverged", "late", false, first.Attempt, "worker-1"), CancellationToken.None);

        var render = (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!;
        Assert.Equal((FarmRenderStatus.Running, 2), (render.Status, render.Attempts));
        Assert.Equal(2, discarded.Of("stale"));
        await _gateway.CompleteAsync(second);
        Assert.Equal(FarmRenderStatus.Succeeded, (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Progress_enters_the_log_at_most_every_quarter_second_and_keeps_only_some_previews()
    {
        var (_, key) = await SubmitOneAsync();
        _gateway.Heartbeat();
        var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the only render");
        await _gateway.Events.StartedAsync(new RenderStarted(key, batch.BatchId, "worker-1", 1), CancellationToken.None);
        var losses = new RenderLosses(1, 1, 1, 0);

        for (var i = 1; i <= 10; i++)
        {
            await _gateway.Events.ProgressedAsync(new RenderProgressed(key, i, losses, 5, i % 2 == 0 ? [1, 2, 3] : null, 20), CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var progressed = (await EventsOfKeyAsync(key)).Where(e => e.Type == FarmEventTypes.RenderProgressed).ToArray();
        var iterations = progressed.Select(e => e.Data.GetProperty("iteration").GetInt32()).ToArray();
        Assert.Equal([1, 2, 5, 8, 10], iterations);
        Assert.Equal([2, 10], progressed.Where(e => e.Data.TryGetProperty("preview_png", out _)).Select(e => e.Data.GetProperty("iteration").GetInt32()));
        Assert.Equal(10, (await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!.Iteration);

        await _gateway.Events.CompletedAsync(GatewayHarness.Completion(key, 1), CancellationToken.None);
        Assert.DoesNotContain(await EventsOfKeyAsync(key), e => e.Type == FarmEventTypes.RenderProgressed);
    }

    [Fact]
    public async Task A_silent_worker_is_gone_and_its_renders_are_queued_again_without_counting_a_failure()
    {
        var (_, key) = await SubmitOneAsync();
        _gateway.Heartbeat("worker-1");
        var batch = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the render, to worker-1");
        await _gateway.Events.StartedAsync(new RenderStarted(key, batch.BatchId, "worker-1", 1), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(10));
        _gateway.Heartbeat("worker-2");
        _time.Advance(TimeSpan.FromSeconds(10));
        await _gateway.Scheduler.CheckWorkersAsync(CancellationToken.None);

        var workers = await _gateway.Farm.ListWorkersAsync(CancellationToken.None);
        Assert.Equal(["gone", "ready"], workers.Select(w => w.State));
        var again = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the render again, for worker-2");
        Assert.Equal((key, 2), (again.Renders[0].Key(), again.Attempt));
        // Two failures after the lost attempt: with three attempts allowed the render fails only if the lost one had counted.
        await _gateway.Events.FailedAsync(new RenderFailed(key, "engine_failure", "crashed", true, 2, "worker-2"), CancellationToken.None);
        Assert.Equal(3, (await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "a retry after the first failure")).Attempt);
        await _gateway.Events.FailedAsync(new RenderFailed(key, "engine_failure", "crashed", true, 3, "worker-2"), CancellationToken.None);
        Assert.Equal(4, (await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "a retry after the second failure")).Attempt);
    }

    [Fact]
    public async Task A_batch_no_worker_claims_in_time_is_queued_again_and_a_claimed_one_is_not()
    {
        var (_, key) = await SubmitOneAsync();
        _gateway.Heartbeat();
        var lost = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the batch that goes missing");

        _time.Advance(TimeSpan.FromSeconds(20));
        _gateway.Heartbeat();
        await _gateway.Scheduler.CheckWorkersAsync(CancellationToken.None);
        Assert.False(_gateway.Dispatch.TryTakeBatch(out _), "twenty seconds unclaimed is not yet lost");
        _time.Advance(TimeSpan.FromSeconds(11));
        _gateway.Heartbeat();
        await _gateway.Scheduler.CheckWorkersAsync(CancellationToken.None);

        var again = await _gateway.Dispatch.NextBatchAsync(GatewayHarness.Bound, "the lost batch's render, sent again");
        Assert.Equal((key, lost.Attempt + 1), (again.Renders[0].Key(), again.Attempt));
        _time.Advance(TimeSpan.FromSeconds(14));
        _gateway.Heartbeat(running: [key]);
        _time.Advance(TimeSpan.FromSeconds(14));
        _gateway.Heartbeat(running: [key]);
        _time.Advance(TimeSpan.FromSeconds(14));
        _gateway.Heartbeat(running: [key]);
        await _gateway.Scheduler.CheckWorkersAsync(CancellationToken.None);
        Assert.False(_gateway.Dispatch.TryTakeBatch(out _), "a batch a worker lists as running is not lost");
        Assert.Equal((FarmRenderStatus.Running, 2), ((await _gateway.Farm.GetRenderAsync(key, CancellationToken.None))!.Status, again.Attempt));
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    public void Dispose() => _data.Dispose();

    private async Task<(Guid Sweep, string Key)> SubmitOneAsync()
    {
        var accepted = await _gateway.Farm.SubmitSweepAsync(new SweepSubmission(_inputs.Spec()), CancellationToken.None);
        var sweep = (await _gateway.Farm.GetSweepAsync(accepted.Id, CancellationToken.None))!;
        return (accepted.Id, Assert.Single(sweep.Renders).Key);
    }

    private async Task<IReadOnlyList<FarmEvent>> EventsOfKeyAsync(string key) =>
        (await _gateway.LoggedEventsAsync()).Where(e => e.Key == key).ToArray();

    /// <summary>Counts the gateway's discarded events by reason, from its own meter only.</summary>
    private sealed class DiscardedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public DiscardedCounter(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter && instrument.Name == "nsf.gateway.events.discarded")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var reason = (string)tags.ToArray().Single(t => t.Key == "reason").Value!;
                lock (_counts)
                {
                    _counts[reason] = _counts.GetValueOrDefault(reason) + value;
                }
            });
            _listener.Start();
        }

        public long Of(string reason)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(reason);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
