namespace NeuralStyle.Cli.Farm;

/// <summary>
/// A failure talking to the gateway that nsf reports with its own words and exit code (the
/// engine's errors go through its catalog instead).
/// </summary>
internal abstract class FarmClientException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The exit code of nsf for this failure.</summary>
    public abstract int ExitCode { get; }

    /// <summary>The words before the message on stderr (<c>nsf: gateway unreachable: ...</c>).</summary>
    public abstract string Prefix { get; }
}
