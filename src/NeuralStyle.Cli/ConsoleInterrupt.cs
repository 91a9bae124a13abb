using System.Runtime.InteropServices;

namespace NeuralStyle.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation the render observes at its
/// next iteration, so it stops cleanly and keeps its image; the exit code then says which signal
/// (130 or 143). A second signal ends the process at once, with the terminal's cursor shown again
/// (a live progress bar hides it).
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private PosixSignal? _first;
    private int _signals;

    public ConsoleInterrupt() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];

    public CancellationToken Token => _source.Token;

    /// <summary>The process exit code for a command that returned <paramref name="code"/>.</summary>
    public int ExitCodeFor(int code) =>
        code == ExitCodes.Cancelled && _first == PosixSignal.SIGTERM ? ExitCodes.Terminated : code;

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // Not cancelled: the signal's default action ends the process.
            Terminal.ShowCursor();
            return;
        }
        context.Cancel = true;
        _first = context.Signal;
        Console.Error.WriteLine(context.Signal == PosixSignal.SIGINT
            ? "stopping after this iteration (Ctrl-C again to abort)..."
            : "terminated: stopping after this iteration (signal again to abort)...");
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }
}
