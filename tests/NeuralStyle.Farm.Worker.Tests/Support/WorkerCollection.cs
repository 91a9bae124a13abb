namespace NeuralStyle.Farm.Worker.Tests.Support;

/// <summary>Worker tests share one <see cref="WorkerFixture"/> and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "worker";
}
