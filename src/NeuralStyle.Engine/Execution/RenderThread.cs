using System.Collections.Concurrent;

namespace NeuralStyle.Engine.Execution;

/// <summary>
/// One long-lived thread that runs an executor's renders, one at a time, so that the engine (not
/// thread-safe, with per-thread native settings) always runs on the same thread and no thread-pool
/// thread is held for minutes. Started on first use; <see cref="Dispose"/> lets it finish its work and end.
/// </summary>
internal sealed class RenderThread(string name, Action? onStart) : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Lock _lock = new();
    private Thread? _thread;

    // Set on the thread before it takes any work, read only there.
    private Exception? _startFailure;

    /// <summary>Runs <paramref name="work"/> on the thread; its exception (cancellation included) comes back through the task.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        EnsureStarted();
        _work.Add(() =>
        {
            try
            {
                if (_startFailure is { } failure)
                {
                    // Every render fails with the reason rather than running on a misconfigured thread.
                    throw new InvalidOperationException($"the render thread could not be set up: {failure.Message}", failure);
                }
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        Thread? thread;
        lock (_lock)
        {
            thread = _thread;
        }
        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }
        _work.Dispose();
    }

    private void EnsureStarted()
    {
        lock (_lock)
        {
            if (_thread is not null)
            {
                return;
            }
            // A background thread: a host that forgets to dispose its executor still exits.
            _thread = new Thread(Loop) { Name = name, IsBackground = true };
            _thread.Start();
        }
    }

    private void Loop()
    {
        try
        {
            onStart?.Invoke();
        }
        catch (Exception e)
        {
            _startFailure = e;
        }
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
