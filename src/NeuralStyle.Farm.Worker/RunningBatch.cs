namespace NeuralStyle.Farm.Worker;

/// <summary>A batch running in this process: its keys, and a token cancelled by a cancel request or by the process stopping.</summary>
internal sealed class RunningBatch : IDisposable
{
    private readonly CancelledRenders _owner;
    private readonly CancellationTokenSource _source;

    public RunningBatch(CancelledRenders owner, IReadOnlyList<string> keys, CancellationToken stopping)
    {
        _owner = owner;
        Keys = keys;
        _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public IReadOnlyList<string> Keys { get; }

    public CancellationToken Token => _source.Token;

    /// <summary>True when a cancel request stopped it (every render cancelled), not the process stopping.</summary>
    public bool CancelledByRequest { get; private set; }

    internal void CancelByRequest()
    {
        CancelledByRequest = true;
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended meanwhile: nothing left to stop.
        }
    }

    public void Dispose()
    {
        _owner.Unregister(this);
        _source.Dispose();
    }
}
