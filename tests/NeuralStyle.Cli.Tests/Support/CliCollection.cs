namespace NeuralStyle.Cli.Tests.Support;

/// <summary>CLI tests share one <see cref="CliFixture"/> and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliFixture>
{
    public const string Name = "cli";
}
