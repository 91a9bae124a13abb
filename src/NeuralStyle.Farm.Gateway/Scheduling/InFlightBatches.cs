namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// Batches sent and not yet answered for every render, which is the credit the scheduler spends:
/// it keeps at most as many in flight as live workers have slots. A render leaves its batch when an
/// event of the batch's attempt ends it (or the gateway takes it back); a batch with no render left
/// gives its slot back. In memory: after a restart nothing is in flight (running renders were
/// re-queued). A batch no worker has claimed (no render of it started or listed in a heartbeat)
/// for a long while is lost (a worker died between taking it and starting it, or its message was
/// dropped) and is handed back by <see cref="TakeUnclaimed"/>, so its slot is not leaked forever.
/// Thread-safe.
/// </summary>
internal sealed class InFlightBatches
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Batch> _batches = [];
    private readonly Dictionary<string, Guid> _batchOfKey = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>
    /// A batch was sent. A render still counted in an older batch (cancelled there, then asked for
    /// again before the old attempt answered) leaves it, so the older batch's slot is freed once
    /// empty instead of being held by a render that now belongs to the new attempt.
    /// </summary>
    public void Add(Guid batchId, IEnumerable<string> keys, int attempt, DateTimeOffset dispatched)
    {
        lock (_lock)
        {
            var batch = new Batch(attempt, keys.ToHashSet(StringComparer.Ordinal), dispatched);
            foreach (var key in batch.Keys)
            {
                if (_batchOfKey.TryGetValue(key, out var older) && older != batchId)
                {
                    Remove(key, older);
                }
            }
            _batches[batchId] = batch;
            foreach (var key in batch.Keys)
            {
                _batchOfKey[key] = batchId;
            }
        }
    }

    /// <summary>True when <paramref name="key"/> is out with a worker.</summary>
    public bool Contains(string key)
    {
        lock (_lock)
        {
            return _batchOfKey.ContainsKey(key);
        }
    }

    /// <summary>A worker has these renders: their batches are not lost.</summary>
    public void Claim(IEnumerable<string> keys)
    {
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_batchOfKey.TryGetValue(key, out var id))
                {
                    _batches[id].Claimed = true;
                }
            }
        }
    }

    /// <summary>Removes and returns the batches dispatched before <paramref name="before"/> that no worker has claimed.</summary>
    public IReadOnlyList<Guid> TakeUnclaimed(DateTimeOffset before)
    {
        lock (_lock)
        {
            var lost = _batches.Where(b => !b.Value.Claimed && b.Value.Dispatched < before).Select(b => b.Key).ToArray();
            foreach (var id in lost)
            {
                foreach (var key in _batches[id].Keys)
                {
                    _batchOfKey.Remove(key);
                }
                _batches.Remove(id);
            }
            return lost;
        }
    }

    /// <summary>The render's attempt ended; true when that freed its batch's slot. An event of another attempt changes nothing.</summary>
    public bool Finish(string key, int attempt)
    {
        lock (_lock)
        {
            return _batchOfKey.TryGetValue(key, out var id) && _batches[id].Attempt == attempt && Remove(key, id);
        }
    }

    /// <summary>The gateway took these renders back (re-queued); true when a slot was freed.</summary>
    public bool Forget(IEnumerable<string> keys)
    {
        lock (_lock)
        {
            var freed = false;
            foreach (var key in keys)
            {
                if (_batchOfKey.TryGetValue(key, out var id))
                {
                    freed |= Remove(key, id);
                }
            }
            return freed;
        }
    }

    private bool Remove(string key, Guid id)
    {
        _batchOfKey.Remove(key);
        var batch = _batches[id];
        batch.Keys.Remove(key);
        return batch.Keys.Count == 0 && _batches.Remove(id);
    }

    private sealed record Batch(int Attempt, HashSet<string> Keys, DateTimeOffset Dispatched)
    {
        public bool Claimed { get; set; }
    }
}
