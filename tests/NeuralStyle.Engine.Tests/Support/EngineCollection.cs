namespace NeuralStyle.Engine.Tests.Support;

/// <summary>Engine tests share one <see cref="EngineFixture"/> and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
