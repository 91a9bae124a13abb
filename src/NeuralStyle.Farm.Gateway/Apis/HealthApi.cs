using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Probes: <c>/health</c> (ready: every registered health check passes, the farm's readiness among
/// them) and <c>/alive</c> (live: only checks tagged <see cref="LiveTag"/>, so a farm still starting
/// is not restarted for it).
/// </summary>
internal static class HealthApi
{
    /// <summary>The tag of checks that say the process lives; <c>/alive</c> runs only these.</summary>
    public const string LiveTag = "live";

    private const string Healthy = "Healthy";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", CheckReadyAsync)
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Ready: the store is open and the bus started (200 Healthy, else 503)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        endpoints.MapGet("/alive", CheckAliveAsync)
            .WithTags("Health")
            .WithName("Alive")
            .WithSummary("Live: the process serves requests (200 Healthy)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return endpoints;
    }

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> CheckReadyAsync(
        [FromServices] HealthCheckService health, CancellationToken cancellationToken) =>
        CheckAsync(health, _ => true, cancellationToken);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> CheckAliveAsync(
        [FromServices] HealthCheckService health, CancellationToken cancellationToken) =>
        CheckAsync(health, r => r.Tags.Contains(LiveTag), cancellationToken);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckAsync(
        HealthCheckService health, Func<HealthCheckRegistration, bool> predicate, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(predicate, cancellationToken).ConfigureAwait(false);
        if (report.Status != HealthStatus.Unhealthy)
        {
            return TypedResults.Text(Healthy, "text/plain");
        }
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? "unhealthy"}");
        return FarmProblems.Result(HttpProblem.NotReady, string.Join("; ", failing));
    }
}
