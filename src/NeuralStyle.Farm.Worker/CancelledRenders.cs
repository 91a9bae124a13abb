namespace NeuralStyle.Farm.Worker;

/// <summary>
/// The renders this process was asked to cancel, and the batches running here. A batch stops only
/// when every one of its renders is cancelled (the farm's rule: a cancelled render in a larger batch
/// finishes, and the gateway ignores its result). Keys are remembered for
/// <see cref="WorkerOptions.CancelMemory"/>, so a batch delivered just after its cancel stops at
/// once; a batch that ends forgets its keys. Thread-safe.
/// </summary>
internal sealed class CancelledRenders(WorkerOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _cancelled = new(StringComparer.Ordinal);
    private readonly List<RunningBatch> _running = [];

    /// <summary>Notes a running batch; dispose the result when it ends. Already cancelled when all its keys were.</summary>
    public RunningBatch Register(IReadOnlyList<string> keys, CancellationToken stopping)
    {
        var batch = new RunningBatch(this, keys, stopping);
        bool cancel;
        lock (_lock)
        {
            Expire();
            _running.Add(batch);
            cancel = AllCancelled(batch);
        }
        if (cancel)
        {
            batch.CancelByRequest();
        }
        return batch;
    }

    /// <summary>Records <paramref name="key"/> cancelled and stops every batch whose renders are now all cancelled.</summary>
    public void Cancel(string key)
    {
        RunningBatch[] stop;
        lock (_lock)
        {
            Expire();
            _cancelled[key] = time.GetTimestamp();
            stop = [.. _running.Where(AllCancelled)];
        }
        // Outside the lock: cancelling runs the token's callbacks.
        foreach (var batch in stop)
        {
            batch.CancelByRequest();
        }
    }

    /// <summary>How many keys are remembered now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                Expire();
                return _cancelled.Count;
            }
        }
    }

    internal void Unregister(RunningBatch batch)
    {
        lock (_lock)
        {
            _running.Remove(batch);
            foreach (var key in batch.Keys)
            {
                _cancelled.Remove(key);
            }
        }
    }

    private bool AllCancelled(RunningBatch batch) => batch.Keys.All(_cancelled.ContainsKey);

    private void Expire()
    {
        var now = time.GetTimestamp();
        foreach (var (key, _) in _cancelled.Where(e => time.GetElapsedTime(e.Value, now) > options.CancelMemory).ToArray())
        {
            _cancelled.Remove(key);
        }
    }
}
