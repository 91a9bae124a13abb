using System.Globalization;
using System.Threading.Channels;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Farm.Worker;

/// <summary>
/// The workers of this process and which of them are free. A consumer takes a free worker for a
/// batch and gives it back after; the endpoint's concurrency equals the workers, so one is always
/// free when a batch arrives. Thread-safe.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Channel<FarmWorker> _free;

    public WorkerPool(WorkerOptions options, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Count, 1, nameof(options.Count));
        // Process-wide, before any render: every worker of the process gets the same share of the cores.
        EngineRuntime.SetThreads(options.ThreadsPerWorker);
        Workers = [.. Enumerable.Range(0, options.Count)
            .Select(slot => new FarmWorker(string.Create(CultureInfo.InvariantCulture, $"{options.NamePrefix}-{slot}"), options, time))];
        _free = Channel.CreateBounded<FarmWorker>(options.Count);
        foreach (var worker in Workers)
        {
            _free.Writer.TryWrite(worker);
        }
    }

    public IReadOnlyList<FarmWorker> Workers { get; }

    /// <summary>Raised when a worker starts or finishes a batch (heartbeats go out at once).</summary>
    public event Action<FarmWorker>? Changed;

    /// <summary>A free worker, waiting for one if all are busy.</summary>
    public ValueTask<FarmWorker> RentAsync(CancellationToken cancellationToken) => _free.Reader.ReadAsync(cancellationToken);

    public void Return(FarmWorker worker) => _free.Writer.TryWrite(worker);

    public void OnChanged(FarmWorker worker) => Changed?.Invoke(worker);

    public void Dispose()
    {
        foreach (var worker in Workers)
        {
            worker.Dispose();
        }
    }
}
