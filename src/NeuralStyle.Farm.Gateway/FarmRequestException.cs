using NeuralStyle.Engine;

namespace NeuralStyle.Farm.Gateway;

/// <summary>
/// A request the farm refuses, with the catalog code that says why (and so the HTTP status), or
/// an explicit status for conditions that are not errors of a render (409 already finished).
/// </summary>
public sealed class FarmRequestException(ErrorCode code, string message, int? status = null) : Exception(message)
{
    /// <summary>The catalog code.</summary>
    public ErrorCode Code { get; } = code;

    /// <summary>The HTTP status: <c>status</c> when given, else the catalog's for <see cref="Code"/>.</summary>
    public int Status { get; } = status ?? ErrorCatalog.Of(code).HttpStatus;
}
