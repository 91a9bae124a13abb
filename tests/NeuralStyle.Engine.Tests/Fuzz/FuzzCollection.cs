namespace NeuralStyle.Engine.Tests.Fuzz;

/// <summary>
/// Fuzz runs go alone, after the parallel tests: their peak-RSS bound is about the process, which
/// other tests' renders would otherwise share, and their time budget about the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "fuzz";
}
