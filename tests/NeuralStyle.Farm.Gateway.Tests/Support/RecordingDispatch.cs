using System.Collections.Concurrent;
using System.Threading.Channels;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Scheduling;

namespace NeuralStyle.Farm.Gateway.Tests.Support;

/// <summary>Stands in for the bus in unit tests: records what the gateway sends, for the test to answer as a worker would.</summary>
internal sealed class RecordingDispatch : IRenderDispatch
{
    private readonly Channel<RenderBatch> _batches = Channel.CreateUnbounded<RenderBatch>();

    public ConcurrentQueue<CancelRender> Cancels { get; } = new();

    public ConcurrentQueue<SweepCompleted> Completed { get; } = new();

    public ConcurrentQueue<RenderBatch> Sent { get; } = new();

    public Task SendAsync(RenderBatch batch, CancellationToken cancellationToken)
    {
        Sent.Enqueue(batch);
        _batches.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    public Task CancelAsync(CancelRender cancel, CancellationToken cancellationToken)
    {
        Cancels.Enqueue(cancel);
        return Task.CompletedTask;
    }

    public Task SweepCompletedAsync(SweepCompleted completed, CancellationToken cancellationToken)
    {
        Completed.Enqueue(completed);
        return Task.CompletedTask;
    }

    /// <summary>The next batch sent, within <paramref name="timeout"/>.</summary>
    public async Task<RenderBatch> NextBatchAsync(TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _batches.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"expected a batch to be sent within {timeout.TotalSeconds} s: {what}");
        }
    }

    /// <summary>True when a batch was sent and not yet taken by <see cref="NextBatchAsync"/>.</summary>
    public bool TryTakeBatch(out RenderBatch? batch) => _batches.Reader.TryRead(out batch);
}
