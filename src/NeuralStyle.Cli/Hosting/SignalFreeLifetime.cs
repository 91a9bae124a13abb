using Microsoft.Extensions.Hosting;

namespace NeuralStyle.Cli.Hosting;

/// <summary>
/// A host lifetime that does not listen for Ctrl-C or SIGTERM: <see cref="ConsoleInterrupt"/> owns
/// the signals, stops the host through its token, and lets a second signal end the process at once
/// (the default console lifetime would swallow that one too).
/// </summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
