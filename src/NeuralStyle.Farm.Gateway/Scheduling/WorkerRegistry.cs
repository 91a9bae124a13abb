using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// Workers as their heartbeats describe them, in memory: a worker silent longer than
/// <see cref="GatewayOptions.WorkerTimeout"/> is gone (its slots no longer count), and one gone for
/// an hour is forgotten, so the registry stays bounded however many workers come and go. Thread-safe.
/// </summary>
internal sealed class WorkerRegistry(GatewayOptions options, TimeProvider time)
{
    /// <summary>Batch slots one worker may claim: a heartbeat is a message, not a promise to trust without bound.</summary>
    public const int MaxSlots = 64;

    private const int MaxNameChars = 256;
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _workers = new(StringComparer.Ordinal);

    /// <summary>Records a heartbeat; true when the worker could take more work than before (new, back, more slots, or idle slots).</summary>
    public bool Heard(WorkerHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        if (string.IsNullOrWhiteSpace(heartbeat.Worker) || heartbeat.Worker.Length > MaxNameChars)
        {
            return false;
        }
        lock (_lock)
        {
            var before = _workers.GetValueOrDefault(heartbeat.Worker);
            _workers[heartbeat.Worker] = new Entry(heartbeat, time.GetUtcNow(), Gone: false);
            var slots = SlotsOf(heartbeat);
            return before is null || before.Gone || slots > SlotsOf(before.Heartbeat) || (heartbeat.Running?.Count ?? 0) < slots;
        }
    }

    /// <summary>Batch slots of every live worker that takes work.</summary>
    public int LiveSlots()
    {
        lock (_lock)
        {
            return _workers.Values.Where(w => !w.Gone).Sum(w => SlotsOf(w.Heartbeat));
        }
    }

    /// <summary>Marks workers silent past the timeout gone and returns their names (each once).</summary>
    public IReadOnlyList<string> MarkSilentGone()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var gone = _workers.Where(w => !w.Value.Gone && now - w.Value.At > options.WorkerTimeout).Select(w => w.Key).ToArray();
            foreach (var name in gone)
            {
                _workers[name] = _workers[name] with { Gone = true };
            }
            foreach (var forgotten in _workers.Where(w => w.Value.Gone && now - w.Value.At > ForgetAfter).Select(w => w.Key).ToArray())
            {
                _workers.Remove(forgotten);
            }
            return gone;
        }
    }

    public IReadOnlyList<WorkerView> Views()
    {
        lock (_lock)
        {
            return _workers.Values.OrderBy(w => w.Heartbeat.Worker, StringComparer.Ordinal).Select(ViewOf).ToArray();
        }
    }

    private static int SlotsOf(WorkerHeartbeat heartbeat) => heartbeat.Stopping ? 0 : Math.Clamp(heartbeat.Slots, 0, MaxSlots);

    private static WorkerView ViewOf(Entry entry)
    {
        var h = entry.Heartbeat;
        var running = h.Running ?? [];
        var state = entry.Gone ? "gone" : running.Count > 0 || h.Stopping ? "busy" : "ready";
        return new WorkerView(h.Worker, h.Device ?? "", state, entry.At)
        {
            Slots = SlotsOf(h),
            Renders = running.Take(MaxSlots * 16).ToArray(),
            LoadedWeights = h.LoadedWeights,
            LoadedConvolutions = h.LoadedConvolutions,
            CachedTargets = h.CachedTargets,
            CachedTargetBytes = h.CachedTargetBytes,
            IterationsPerSecond = h.IterationsPerSecond,
            Threads = h.Threads,
        };
    }

    private sealed record Entry(WorkerHeartbeat Heartbeat, DateTimeOffset At, bool Gone);
}
