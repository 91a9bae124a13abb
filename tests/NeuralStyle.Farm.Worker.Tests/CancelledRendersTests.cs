namespace NeuralStyle.Farm.Worker.Tests;

public sealed class CancelledRendersTests
{
    private readonly ManualTime _time = new();

    private CancelledRenders Renders() => new(new WorkerOptions { CancelMemory = TimeSpan.FromMinutes(1) }, _time);

    [Fact]
    public void A_batch_stops_only_once_every_one_of_its_renders_is_cancelled()
    {
        var renders = Renders();
        using var batch = renders.Register(["a", "b"], CancellationToken.None);

        renders.Cancel("a");
        Assert.False(batch.Token.IsCancellationRequested);
        renders.Cancel("b");

        Assert.True(batch.Token.IsCancellationRequested);
        Assert.True(batch.CancelledByRequest);
    }

    [Fact]
    public void A_cancel_remembered_from_before_stops_a_batch_as_it_registers_until_the_memory_expires()
    {
        var renders = Renders();
        renders.Cancel("a");
        using (var early = renders.Register(["a"], CancellationToken.None))
        {
            Assert.True(early.CancelledByRequest);
        }
        renders.Cancel("b");
        _time.Advance(TimeSpan.FromMinutes(2));

        using var late = renders.Register(["b"], CancellationToken.None);

        Assert.False(late.Token.IsCancellationRequested);
        Assert.Equal(0, renders.Count);
    }

    [Fact]
    public void A_batch_that_ends_forgets_its_cancelled_keys_so_the_same_render_can_run_again()
    {
        var renders = Renders();
        using (var batch = renders.Register(["a", "b"], CancellationToken.None))
        {
            renders.Cancel("a");
        }

        using var again = renders.Register(["a"], CancellationToken.None);

        Assert.False(again.Token.IsCancellationRequested);
    }

    [Fact]
    public void The_process_stopping_cancels_a_batch_without_it_counting_as_a_cancel_request()
    {
        using var stopping = new CancellationTokenSource();
        using var batch = Renders().Register(["a"], stopping.Token);

        stopping.Cancel();

        Assert.True(batch.Token.IsCancellationRequested);
        Assert.False(batch.CancelledByRequest);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
