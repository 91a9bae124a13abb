namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>
/// Command to a worker: render these renders together, in one optimisation on its device (the
/// gateway batches only renders the engine can optimise together). Delivery is at least once, so
/// a worker treats each render idempotently by its key.
/// </summary>
/// <param name="BatchId">Chosen by the gateway; events of this batch's renders carry it.</param>
/// <param name="Renders">The renders, at least one; each one's key is <see cref="PortableRender.Key"/>.</param>
/// <param name="Attempt">1 for the first dispatch of these renders, counted up by the gateway on each retry.</param>
public sealed record RenderBatch(Guid BatchId, IReadOnlyList<PortableRender> Renders, int Attempt)
{
    /// <summary>Every problem with the batch and its renders (fields prefixed <c>renders[i].</c>), empty when valid.</summary>
    public IReadOnlyList<ContractProblem> Problems()
    {
        if (Renders is null or { Count: 0 })
        {
            return [new("renders", "is missing: a batch holds at least one render")];
        }
        var problems = Renders.SelectMany((render, i) => render is null
            ? [new ContractProblem($"renders[{i}]", "is null")]
            : render.Problems().Select(p => p with { Field = $"renders[{i}].{p.Field}" })).ToList();
        if (Attempt < 1)
        {
            problems.Add(new("attempt", $"{Attempt} must be 1 or more"));
        }
        return problems;
    }
}
