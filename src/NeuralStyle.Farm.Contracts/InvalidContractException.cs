namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// A message or portable render that breaks the contract (a malformed hash, a host path, a missing
/// input). Carries every problem found, so an HTTP API can answer them all at once.
/// </summary>
public sealed class InvalidContractException : Exception
{
    /// <summary>An exception listing <paramref name="problems"/> (at least one).</summary>
    public InvalidContractException(IReadOnlyList<ContractProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in field order.</summary>
    public IReadOnlyList<ContractProblem> Problems { get; }

    // A hostile batch can break the contract a hundred thousand times: the message names the first few.
    private const int ProblemsInMessage = 20;

    private static string Describe(IReadOnlyList<ContractProblem> problems) =>
        string.Join("; ", problems.Take(ProblemsInMessage)) +
        (problems.Count > ProblemsInMessage ? $"; and {problems.Count - ProblemsInMessage} more" : "");
}
