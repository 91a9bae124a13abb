namespace NeuralStyle.Engine.Tests.Support;

/// <summary>
/// Runs work that a regression could turn into a hang or a memory flood on its own thread, and
/// fails the test when it takes longer or allocates more than its bound.
/// </summary>
public static class BoundedRun
{
    /// <summary>The exception <paramref name="work"/> threw, or null; asserts its time and allocation bounds.</summary>
    public static Exception? Catching(Action work, TimeSpan timeout, long maxAllocatedBytes, string what)
    {
        long allocated = 0;
        Exception? error = null;
        var task = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                work();
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(timeout), $"{what} should finish within {timeout.TotalSeconds} s");
        Assert.True(allocated <= maxAllocatedBytes, $"{what} allocated {allocated} bytes, over the bound of {maxAllocatedBytes}");
        return error;
    }

    /// <summary>Asserts <paramref name="work"/> throws <typeparamref name="T"/> within the bounds and returns it.</summary>
    public static T Throws<T>(Action work, TimeSpan timeout, long maxAllocatedBytes, string what) where T : Exception
    {
        var error = Catching(work, timeout, maxAllocatedBytes, what);
        return Assert.IsType<T>(error);
    }
}
