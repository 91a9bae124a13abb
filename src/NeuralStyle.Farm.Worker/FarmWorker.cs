using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Memory;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// One worker slot: an engine on the process's device (VGG-19 loaded once and kept, targets cached
/// within a bound) and the executor that runs one batch on it at a time, on its own thread.
/// </summary>
internal sealed class FarmWorker : IDisposable
{
    private readonly Lock _lock = new();
    private readonly WorkerOptions _options;
    private IReadOnlyList<string> _running = [];
    private EngineState _engineState = new(null, 0, 0, 0);

    public FarmWorker(string name, WorkerOptions options, TimeProvider time)
    {
        Name = name;
        _options = options;
        Threads = options.ThreadsPerWorker;
        Rate = new IterationRate(time);
        Engine = new StyleTransfer(options.MemoryLimit, options.TargetCacheBytes);
        Executor = new RenderExecutor(Engine, new RenderExecutorOptions
        {
            ImageEvery = options.PreviewEvery,
            ThreadName = $"nsf-worker-{name}",
        });
    }

    /// <summary>Unique in the farm: the process's prefix and the slot.</summary>
    public string Name { get; }

    public int Threads { get; }

    public StyleTransfer Engine { get; }

    public RenderExecutor Executor { get; }

    public IterationRate Rate { get; }

    /// <summary>Keys of the renders of the batch it runs now.</summary>
    public IReadOnlyList<string> Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
        set
        {
            lock (_lock)
            {
                _running = value;
            }
        }
    }

    /// <summary>
    /// Reads what the engine holds. Call only while no batch runs on it (the engine is not
    /// thread-safe); heartbeats read the copy, never the engine.
    /// </summary>
    public void RefreshEngineState()
    {
        var state = new EngineState(Engine.LoadedWeightsSha256, Engine.LoadedConvolutions, Engine.Targets.Count, Engine.Targets.Bytes);
        lock (_lock)
        {
            _engineState = state;
        }
    }

    public WorkerHeartbeat Heartbeat(bool stopping)
    {
        EngineState state;
        IReadOnlyList<string> running;
        lock (_lock)
        {
            state = _engineState;
            running = _running;
        }
        return new WorkerHeartbeat(Name, _options.Device, 1, running, state.Weights, state.Convolutions, state.CachedTargets,
            state.CachedTargetBytes, Rate.PerSecond, Threads, Engine.MemoryLimit ?? DeviceMemory.Available(_options.Device), stopping);
    }

    public void Dispose()
    {
        Executor.Dispose();
        Engine.Dispose();
    }

    private sealed record EngineState(string? Weights, int Convolutions, int CachedTargets, long CachedTargetBytes);
}
