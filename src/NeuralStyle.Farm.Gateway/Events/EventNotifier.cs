namespace NeuralStyle.Farm.Gateway.Events;

/// <summary>
/// Tells event readers that the log grew, without holding any event: a reader waits for an id past
/// its cursor, then reads the log itself at its own pace. One shared task per generation, so any
/// number of waiting readers cost nothing per event. Thread-safe.
/// </summary>
internal sealed class EventNotifier
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;

    /// <summary>The highest event id committed.</summary>
    public long Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>Records that events up to <paramref name="id"/> are committed, and wakes readers.</summary>
    public void Published(long id)
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            if (id <= _last)
            {
                return;
            }
            _last = id;
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.SetResult();
    }

    /// <summary>Completes once an event with an id above <paramref name="cursor"/> is committed (at once if one already is).</summary>
    public Task WaitPastAsync(long cursor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _last > cursor ? Task.CompletedTask : _next.Task.WaitAsync(cancellationToken);
        }
    }
}
