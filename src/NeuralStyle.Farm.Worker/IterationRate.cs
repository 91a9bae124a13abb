namespace NeuralStyle.Farm.Worker;

/// <summary>
/// Optimiser steps per second over the last few seconds: what a heartbeat reports. Idle for a
/// whole window reads as 0. Thread-safe (steps come from the render thread, reads from the heartbeat).
/// </summary>
internal sealed class IterationRate(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Queue<long> _steps = new();
    private readonly Lock _lock = new();

    /// <summary>One optimiser step happened now.</summary>
    public void Step()
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            _steps.Enqueue(now);
            Trim(now);
        }
    }

    /// <summary>Steps per second within the window; 0 with fewer than two steps in it.</summary>
    public double PerSecond
    {
        get
        {
            var now = time.GetTimestamp();
            lock (_lock)
            {
                Trim(now);
                if (_steps.Count < 2)
                {
                    return 0;
                }
                var span = time.GetElapsedTime(_steps.Peek(), now).TotalSeconds;
                return span > 0 ? (_steps.Count - 1) / span : 0;
            }
        }
    }

    private void Trim(long now)
    {
        while (_steps.Count > 0 && time.GetElapsedTime(_steps.Peek(), now) > Window)
        {
            _steps.Dequeue();
        }
    }
}
