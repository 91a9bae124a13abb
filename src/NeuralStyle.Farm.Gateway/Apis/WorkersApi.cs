using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>The workers the gateway hears from.</summary>
internal static class WorkersApi
{
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/workers").WithTags("Workers")
            .MapGet("", ListWorkersAsync)
            .WithName("ListWorkers")
            .WithSummary("Workers: device, what is loaded and cached, current renders, speed, last heartbeat");
        return endpoints;
    }

    public static async Task<Ok<IReadOnlyList<WorkerView>>> ListWorkersAsync([FromServices] IFarm farm, CancellationToken cancellationToken) =>
        TypedResults.Ok(await farm.ListWorkersAsync(cancellationToken).ConfigureAwait(false));
}
