namespace NeuralStyle.Cli.Farm;

/// <summary>No gateway answers at the URL (connection refused, unknown host, timed out).</summary>
internal sealed class GatewayUnreachableException(Uri gateway, string reason, Exception? inner = null)
    : FarmClientException($"cannot reach the gateway at {gateway}: {reason}. Start one with 'nsf serve', or point --gateway (or NSF_GATEWAY) at a running one", inner)
{
    public override int ExitCode => ExitCodes.GatewayUnreachable;

    public override string Prefix => "gateway unreachable";
}
