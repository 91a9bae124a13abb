namespace NeuralStyle.Engine;

/// <summary>One row of <see cref="ErrorCatalog"/>: everything that follows from an <see cref="ErrorCode"/>.</summary>
/// <param name="Code">The code this row describes.</param>
/// <param name="Name">The stable wire name (<c>device_out_of_memory</c>) used in events, sweep.json and problem types.</param>
/// <param name="Title">A short human summary, the same for every occurrence (a ProblemDetails <c>title</c>).</param>
/// <param name="Retryable">
/// Whether the same request may succeed on another device or worker, or later: true only for
/// failures of a device or of the engine, never for anything the request itself causes.
/// </param>
/// <param name="ExitCode">The exit code of nsf when a command fails with this code.</param>
/// <param name="HttpStatus">The HTTP status of a gateway response (ProblemDetails <c>status</c>) for this code.</param>
/// <param name="CliPrefix">The words nsf prints before the message on stderr (<c>nsf: input error: ...</c>).</param>
public sealed record ErrorDefinition(
    ErrorCode Code,
    string Name,
    string Title,
    bool Retryable,
    int ExitCode,
    int HttpStatus,
    string CliPrefix);
