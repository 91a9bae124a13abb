using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Builds every ProblemDetails the gateway answers with: <c>type</c> is the catalog's problem type
/// (<see cref="ErrorCatalog.ProblemTypeBase"/> and the code's name), <c>title</c> the catalog's,
/// and the extension <c>error_code</c> the name, so one mapping serves the API, the CLI and events.
/// </summary>
internal static class FarmProblems
{
    /// <summary>The extension member naming the code.</summary>
    public const string ErrorCodeKey = "error_code";

    /// <summary>The extension member saying whether the same request may succeed later or elsewhere.</summary>
    public const string RetryableKey = "retryable";

    private const string TraceIdKey = "trace_id";

    /// <summary>What a client is told of a failure of the gateway itself: its internals stay in the log.</summary>
    private const string ServerFailureDetail = "the gateway failed to answer this request; its log has the cause";

    /// <summary>A problem of the engine's catalog; <paramref name="status"/> overrides the catalog's (409 for a finished render).</summary>
    public static ProblemDetails Of(ErrorCode code, string detail, int? status = null)
    {
        var row = ErrorCatalog.Problem(code);
        var problem = new ProblemDetails
        {
            Type = row.Type.AbsoluteUri,
            Title = row.Title,
            Status = status ?? row.Status,
            Detail = detail,
        };
        problem.Extensions[ErrorCodeKey] = row.Code;
        problem.Extensions[RetryableKey] = row.Retryable;
        return problem;
    }

    /// <summary>A problem of the HTTP exchange.</summary>
    public static ProblemDetails Of(HttpProblem kind, string detail)
    {
        var problem = new ProblemDetails
        {
            Type = ErrorCatalog.ProblemTypeBase + kind.Name,
            Title = kind.Title,
            Status = kind.Status,
            Detail = detail,
        };
        problem.Extensions[ErrorCodeKey] = kind.Name;
        return problem;
    }

    /// <summary>The typed result of <see cref="Of(HttpProblem, string)"/>.</summary>
    public static ProblemHttpResult Result(HttpProblem kind, string detail) => TypedResults.Problem(Of(kind, detail));

    /// <summary>The typed result of <see cref="Of(ErrorCode, string, int?)"/>.</summary>
    public static ProblemHttpResult Result(ErrorCode code, string detail, int? status = null) => TypedResults.Problem(Of(code, detail, status));

    /// <summary>
    /// The problem for an exception that reached the top of a request. <paramref name="serverFault"/>
    /// is true when the gateway itself failed: the detail then says nothing of the cause, which is logged.
    /// </summary>
    public static ProblemDetails ForException(Exception exception, out bool serverFault)
    {
        var problem = exception switch
        {
            FarmRequestException e => Of(e.Code, e.Message, e.Status),
            BlobTooLargeException e => Of(HttpProblem.PayloadTooLarge, e.Message),
            BlobNotFoundException e => Of(ErrorCode.InputUnusable, e.Message),
            InvalidContractException e => Of(ErrorCode.InvalidSweep, e.Message),
            BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge => Of(HttpProblem.PayloadTooLarge, e.Message),
            BadHttpRequestException e => Of(HttpProblem.ForStatus(e.StatusCode), Describe(e)),
            NeuralStyleException e => Of(e.Code, e.Message),
            _ => Of(ErrorCode.Unexpected, ServerFailureDetail),
        };
        // A request the farm refuses carries a message written for its client; any other failure
        // of 5xx (the gateway's disk, a bug) may name paths and types, which a client must not see.
        serverFault = problem.Status >= StatusCodes.Status500InternalServerError;
        if (serverFault && exception is not FarmRequestException)
        {
            problem.Detail = ServerFailureDetail;
        }
        return problem;
    }

    /// <summary>
    /// Completes a problem written by the framework (an unknown route, a wrong method, a status code
    /// page) or by this gateway: every one gets a type under the catalog's base, an <c>error_code</c>,
    /// the request path as <c>instance</c>, and the trace id under a snake_case name.
    /// </summary>
    public static void Complete(ProblemDetails problem, HttpContext context)
    {
        if (!problem.Extensions.ContainsKey(ErrorCodeKey))
        {
            var status = problem.Status ?? context.Response.StatusCode;
            var kind = status == StatusCodes.Status500InternalServerError
                ? new HttpProblem(ErrorCatalog.Of(ErrorCode.Unexpected).Name, status, ErrorCatalog.Of(ErrorCode.Unexpected).Title)
                : HttpProblem.ForStatus(status);
            problem.Type = ErrorCatalog.ProblemTypeBase + kind.Name;
            problem.Title = kind.Title;
            problem.Extensions[ErrorCodeKey] = kind.Name;
        }
        problem.Instance ??= context.Request.Path.Value;
        if (problem.Extensions.Remove("traceId", out var traceId))
        {
            problem.Extensions[TraceIdKey] = traceId;
        }
    }

    /// <summary>A binding failure's message with the parser's reason, which says where the body went wrong.</summary>
    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException json ? $"{exception.Message} {json.Message}" : exception.Message;
}
