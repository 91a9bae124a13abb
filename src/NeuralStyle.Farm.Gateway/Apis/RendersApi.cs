using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>Renders by key (settings plus input hashes), whichever sweeps share them.</summary>
internal static class RendersApi
{
    private const string KeyName = "render key";

    public static IEndpointRouteBuilder MapRendersApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/renders/{key}").WithTags("Renders");

        api.MapGet("", GetRenderAsync)
            .WithName("GetRender")
            .WithSummary("A render by key: status, attempts, losses, worker, result")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/image", GetRenderImageAsync)
            .WithName("GetRenderImage")
            .WithSummary("The result image of a render (PNG)")
            .WithDescription("404 until the render succeeds.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/trace", GetRenderTraceAsync)
            .WithName("GetRenderTrace")
            .WithSummary("The trace of a render (JSON: losses per iteration, timings)")
            .WithDescription("404 until the render succeeds.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/cancel", CancelRenderAsync)
            .WithName("CancelRender")
            .WithSummary("Cancel a render wherever it runs")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }

    public static async Task<Results<Ok<RenderView>, ProblemHttpResult>> GetRenderAsync(
        string key, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryCheckHash(key, KeyName, out var problem))
        {
            return problem;
        }
        var render = await farm.GetRenderAsync(key, cancellationToken).ConfigureAwait(false);
        return render is null ? UnknownRender(key) : TypedResults.Ok(render);
    }

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetRenderImageAsync(
        string key, [FromServices] IFarm farm, CancellationToken cancellationToken) =>
        GetFileAsync(key, farm, r => r.ImageSha256, "image/png", "image", cancellationToken);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetRenderTraceAsync(
        string key, [FromServices] IFarm farm, CancellationToken cancellationToken) =>
        GetFileAsync(key, farm, r => r.TraceSha256, "application/json", "trace", cancellationToken);

    public static async Task<Results<Accepted, ProblemHttpResult>> CancelRenderAsync(
        string key, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryCheckHash(key, KeyName, out var problem))
        {
            return problem;
        }
        return await farm.CancelRenderAsync(key, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Accepted($"/api/renders/{key}")
            : UnknownRender(key);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetFileAsync(string key, IFarm farm,
        Func<RenderView, string?> file, string contentType, string what, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryCheckHash(key, KeyName, out var problem))
        {
            return problem;
        }
        var render = await farm.GetRenderAsync(key, cancellationToken).ConfigureAwait(false);
        if (render is null)
        {
            return UnknownRender(key);
        }
        return await BlobsApi.OpenAsync(farm, file(render), contentType, $"render {key} has no {what} yet ({render.Status.ToString().ToLowerInvariant()})",
            cancellationToken).ConfigureAwait(false);
    }

    private static ProblemHttpResult UnknownRender(string key) => FarmProblems.Result(HttpProblem.NotFound, $"no render {key}");
}
