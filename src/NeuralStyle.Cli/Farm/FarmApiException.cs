using System.Net;
using NeuralStyle.Engine;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// The gateway refused a request: its ProblemDetails (status, <c>error_code</c>, detail) as an
/// exception whose exit code follows the engine's error catalog when the code is one of its names.
/// </summary>
internal sealed class FarmApiException(HttpStatusCode status, string? errorCode, string message)
    : FarmClientException(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The problem's <c>error_code</c> (<c>invalid_sweep</c>, <c>input_unusable</c>, …); null when it had none.</summary>
    public string? ErrorCode { get; } = errorCode;

    public override int ExitCode => ErrorCatalog.TryParse(ErrorCode, out var code)
        ? ErrorCatalog.Of(code).ExitCode
        : Status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.InvalidUsage,
            HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType
                or HttpStatusCode.UnprocessableEntity => ExitCodes.InputError,
            _ => ExitCodes.EngineFailure,
        };

    public override string Prefix => ErrorCatalog.TryParse(ErrorCode, out var code)
        ? ErrorCatalog.Of(code).CliPrefix
        : Status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "not allowed",
            HttpStatusCode.NotFound => "not found",
            _ => "gateway error",
        };
}
