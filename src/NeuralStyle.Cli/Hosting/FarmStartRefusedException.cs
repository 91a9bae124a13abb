using NeuralStyle.Cli.Farm;

namespace NeuralStyle.Cli.Hosting;

/// <summary>nsf serve or nsf gateway will not start as asked (an open gateway beyond loopback, a bad listen URL).</summary>
internal sealed class FarmStartRefusedException(string message, Exception? inner = null) : FarmClientException(message, inner)
{
    public override int ExitCode => ExitCodes.InvalidUsage;

    public override string Prefix => "will not start";
}
