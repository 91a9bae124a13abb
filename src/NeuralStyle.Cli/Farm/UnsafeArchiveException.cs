namespace NeuralStyle.Cli.Farm;

/// <summary>A sweep archive holds an entry nsf will not write: a path that leaves the directory, an unexpected name, a duplicate or an oversized file.</summary>
internal sealed class UnsafeArchiveException(string message) : FarmClientException(message)
{
    public override int ExitCode => ExitCodes.EngineFailure;

    public override string Prefix => "refused archive";
}
