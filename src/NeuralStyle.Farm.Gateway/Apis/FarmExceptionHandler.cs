using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Turns whatever a request threw into the ProblemDetails <see cref="FarmProblems.ForException"/>
/// decides: a request the farm refuses keeps its code and message; a failure of the gateway is a
/// 500 whose cause goes to the log, not to the client.
/// </summary>
internal sealed partial class FarmExceptionHandler(IProblemDetailsService problems, ILogger<FarmExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
            return true;
        }
        var problem = FarmProblems.ForException(exception, out var serverFault);
        if (serverFault)
        {
            Log.Failed(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value);
        }
        else
        {
            Log.Refused(logger, httpContext.Request.Method, httpContext.Request.Path.Value, problem.Status ?? 0, problem.Detail);
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }
}
