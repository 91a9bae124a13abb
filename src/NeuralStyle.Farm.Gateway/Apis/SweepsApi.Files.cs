using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>A sweep's files: its grid pages and the zip of everything nsf sweep --out writes.</summary>
internal static partial class SweepsApi
{
    private static void MapFiles(RouteGroupBuilder api)
    {
        api.MapGet("/{id}/grids/{page}", GetGridPageAsync)
            .WithName("GetGridPage")
            .WithSummary("A comparison grid page of a sweep (PNG)")
            .WithDescription("404 until the page is written.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id}/archive", DownloadArchiveAsync)
            .WithName("DownloadSweepArchive")
            .WithSummary("A zip of the sweep: sweep.json, renders/<key>.png and the grid pages")
            .WithDescription("Exactly what nsf sweep --out DIR writes. 409 while the sweep runs.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetGridPageAsync(
        string id, string page, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseSweep(id, out var sweepId, out var problem) || !RouteIds.TryParsePage(page, out var pageIndex, out problem))
        {
            return problem;
        }
        var sweep = await farm.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false);
        if (sweep is null)
        {
            return UnknownSweep(sweepId);
        }
        var grid = sweep.Grids.FirstOrDefault(g => g.Page == pageIndex);
        if (grid is null)
        {
            return FarmProblems.Result(HttpProblem.NotFound, $"sweep {sweepId:D} has no grid page {pageIndex}");
        }
        return await BlobsApi.OpenAsync(farm, grid.Sha256, "image/png", $"grid page {pageIndex} of sweep {sweepId:D} is not written yet",
            cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> DownloadArchiveAsync(
        string id, HttpContext context, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseSweep(id, out var sweepId, out var problem))
        {
            return problem;
        }
        var response = context.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"sweep-{sweepId:D}.zip\"";
        // ZipArchive writes its central directory synchronously when disposed; Kestrel refuses
        // synchronous writes unless the request allows them.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
        {
            bodyControl.AllowSynchronousIO = true;
        }
        if (await farm.WriteArchiveAsync(sweepId, response.Body, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Empty;
        }
        if (response.HasStarted)
        {
            throw new InvalidOperationException($"the farm wrote part of an archive for sweep {sweepId:D}, then said it has no such sweep");
        }
        response.ContentType = null;
        response.Headers.Remove(HeaderNames.ContentDisposition);
        return UnknownSweep(sweepId);
    }
}
