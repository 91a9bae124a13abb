using System.Collections.Concurrent;

namespace NeuralStyle.Engine.Tests.Support;

/// <summary>One thread that stays alive between calls: for what native code keeps per thread.</summary>
public sealed class DedicatedThread : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public DedicatedThread()
    {
        _thread = new Thread(() =>
        {
            foreach (var work in _work.GetConsumingEnumerable())
            {
                work();
            }
        })
        { IsBackground = true, Name = "dedicated test thread" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on this thread and returns its result (or throws what it threw).</summary>
    public T Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        Assert.True(done.Task.Wait(Limit), $"work on the dedicated thread should finish within {Limit.TotalSeconds} s");
        return done.Task.Result;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        Assert.True(_thread.Join(Limit), $"the dedicated thread should end within {Limit.TotalSeconds} s");
        _work.Dispose();
    }
}
