using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Checks <c>X-Api-Key</c> on every mutating request under <c>/api</c> when keys are configured:
/// 401 without one, 403 with a wrong one. Runs before routing, so an unknown route behind it
/// tells an unauthenticated caller nothing either.
/// </summary>
internal sealed partial class ApiKeyMiddleware(RequestDelegate next, GatewayOptions options, IProblemDetailsService problems,
    ILogger<ApiKeyMiddleware> logger)
{
    private readonly IReadOnlyList<string> _keys = ApiKeyPolicy.ConfiguredKeys(options);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (_keys.Count == 0 || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || IsReadOnly(request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var presented = request.Headers[FarmHeaders.ApiKey].ToString();
        if (presented.Length == 0)
        {
            Log.KeyMissing(logger, request.Method, request.Path.Value);
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{FarmHeaders.ApiKey}\"";
            await WriteAsync(context, FarmProblems.Of(HttpProblem.ApiKeyMissing,
                $"send an API key in the {FarmHeaders.ApiKey} header: this gateway accepts changes only from its keys")).ConfigureAwait(false);
            return;
        }
        if (!ApiKeyPolicy.Accepts(_keys, presented))
        {
            Log.KeyRefused(logger, request.Method, request.Path.Value);
            await WriteAsync(context, FarmProblems.Of(HttpProblem.ApiKeyInvalid,
                $"the key in the {FarmHeaders.ApiKey} header is not one of this gateway's keys")).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private static bool IsReadOnly(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }
}
