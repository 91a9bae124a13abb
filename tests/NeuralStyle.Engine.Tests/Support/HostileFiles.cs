using System.Diagnostics;

namespace NeuralStyle.Engine.Tests.Support;

/// <summary>Crafted hostile inputs made by the tests, and a bounded wait for code that could hang on them.</summary>
public static class HostileFiles
{
    /// <summary>A FIFO with no writer: opening it for reading blocks until someone opens it for writing.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        Assert.True(mkfifo.WaitForExit(10_000), "mkfifo did not finish within 10 s");
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>
    /// Runs <paramref name="read"/> and returns what it threw, failing the test (instead of hanging
    /// it) when it has not finished within 20 s. A reader stuck on <paramref name="fifo"/> is
    /// released by opening the FIFO for writing once, so no thread stays blocked.
    /// </summary>
    public static Exception? ThrownWithin(Action read, string what, string? fifo = null)
    {
        var task = Task.Run(() =>
        {
            try
            {
                read();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
        var finished = task.Wait(TimeSpan.FromSeconds(20));
        if (!finished && fifo is not null)
        {
            new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose();
        }
        Assert.True(finished, $"{what} did not return within 20 s");
        return task.Result;
    }
}
