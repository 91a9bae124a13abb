namespace NeuralStyle.Farm.Contracts;

/// <summary>One thing wrong with a message or a portable render: the JSON field and what to do about it.</summary>
/// <param name="Field">The field's JSON name or path, e.g. <c>styles[1]</c> or <c>settings.init</c>.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record ContractProblem(string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {Message}";
}
