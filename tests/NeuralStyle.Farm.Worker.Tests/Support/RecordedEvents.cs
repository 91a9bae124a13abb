using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Worker.Tests.Support;

/// <summary>Every worker event the test bus carried, in arrival order; tests wait on conditions over them.</summary>
public sealed class RecordedEvents
{
    private readonly Lock _lock = new();
    private readonly List<object> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(object message)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _events.Add(message);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    public T[] Of<T>()
    {
        lock (_lock)
        {
            return [.. _events.OfType<T>()];
        }
    }

    public RenderProgressed[] ProgressOf(string key) => [.. Of<RenderProgressed>().Where(p => p.Key == key)];

    /// <summary>Waits until <paramref name="condition"/> holds, at most <paramref name="bound"/>; fails saying <paramref name="expected"/>.</summary>
    public async Task WaitAsync(Func<RecordedEvents, bool> condition, TimeSpan bound, string expected)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }
            if (condition(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"expected within {bound.TotalSeconds} s: {expected}; got {string.Join(", ", Describe())}");
            }
        }
    }

    private string[] Describe()
    {
        lock (_lock)
        {
            return [.. _events.Select(e => e switch
            {
                RenderFailed f => $"RenderFailed({f.ErrorCode}: {f.Message})",
                RenderProgressed p => $"RenderProgressed({p.Iteration})",
                _ => e.GetType().Name,
            })];
        }
    }
}
