namespace NeuralStyle.Engine;

/// <summary>
/// The fixed members of an RFC 9457 problem (ProblemDetails) for one <see cref="ErrorCode"/>, kept
/// free of ASP.NET so the engine does not depend on it: the gateway copies these into its
/// <c>ProblemDetails</c> and adds the occurrence's <c>detail</c> (the exception's message) and
/// <c>instance</c>.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Type">An absolute URI naming the kind of problem: <c>https://neuralstyle.farm/errors/{code}</c>.</param>
/// <param name="Title">The short, occurrence-independent summary.</param>
/// <param name="Code">The stable code name, for clients that read an extension member rather than parse the type.</param>
/// <param name="Retryable">Whether resubmitting the same request (elsewhere or later) may succeed.</param>
public sealed record ErrorProblem(int Status, Uri Type, string Title, string Code, bool Retryable);
