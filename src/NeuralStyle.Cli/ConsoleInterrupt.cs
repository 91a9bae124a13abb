namespace NeuralStyle.Cli;

/// <summary>
/// Turns the first Ctrl-C into a cancellation the render observes at its next iteration, so it
/// stops cleanly and keeps its image; a second Ctrl-C ends the process as usual.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public ConsoleInterrupt() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken Token => _source.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }
        e.Cancel = true;
        Console.Error.WriteLine("stopping after this iteration (Ctrl-C again to abort)...");
        _source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }
}
