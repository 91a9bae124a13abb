using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>Uploads and downloads of content-addressed files: inputs, weights, results.</summary>
internal static class BlobsApi
{
    public static IEndpointRouteBuilder MapBlobsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/blobs").WithTags("Blobs");

        api.MapPost("", UploadBlobAsync)
            .WithName("UploadBlob")
            .WithSummary("Upload an image or a weights file")
            .WithDescription("The raw body is the file; ?kind=image|weights says how it is checked. Answers its SHA-256, " +
                "the name to use in a sweep spec as sha256:<hex>.")
            .Accepts<Stream>("application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapMethods("/{sha256}", [HttpMethods.Head], HasBlobAsync)
            .WithName("HasBlob")
            .WithSummary("Whether the gateway holds a file")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/{sha256}", DownloadBlobAsync)
            .WithName("DownloadBlob")
            .WithSummary("The bytes of a held file")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static async Task<Results<Created<BlobInfo>, ProblemHttpResult>> UploadBlobAsync(
        [FromQuery] string? kind, HttpRequest request, [FromServices] IFarm farm, [FromServices] GatewayOptions options,
        CancellationToken cancellationToken)
    {
        BlobKind blobKind;
        switch (kind)
        {
            case "image":
                blobKind = BlobKind.Image;
                break;
            case "weights":
                blobKind = BlobKind.Weights;
                break;
            default:
                return FarmProblems.Result(HttpProblem.BadRequest,
                    kind is null ? "say what the file is: ?kind=image or ?kind=weights" : $"kind '{RouteIds.Quote(kind)}' is not image or weights");
        }
        var limit = blobKind == BlobKind.Image ? options.MaxImageBytes : options.MaxWeightsBytes;
        var body = RequestBodies.Limit(request, limit);
        if (body is null)
        {
            return TooLarge(blobKind, limit);
        }
        try
        {
            var info = await farm.PutBlobAsync(body, blobKind, cancellationToken).ConfigureAwait(false);
            return TypedResults.Created($"/api/blobs/{info.Sha256}", info);
        }
        catch (Exception e) when (RequestBodies.IsTooLarge(e) || e is BlobTooLargeException)
        {
            return TooLarge(blobKind, limit);
        }
    }

    public static async Task<Results<Ok, NotFound, ProblemHttpResult>> HasBlobAsync(
        string sha256, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryCheckHash(sha256, "blob name", out var problem))
        {
            return problem;
        }
        // A HEAD answer has no body, so a bare 404 says all a problem could.
        return await farm.HasBlobAsync(sha256, cancellationToken).ConfigureAwait(false) ? TypedResults.Ok() : TypedResults.NotFound();
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadBlobAsync(
        string sha256, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryCheckHash(sha256, "blob name", out var problem))
        {
            return problem;
        }
        return await OpenAsync(farm, sha256, "application/octet-stream", $"no file with SHA-256 {sha256} is held", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// A held blob as a response; the content is immutable, so its hash is its entity tag. Null
    /// <paramref name="sha256"/> (nothing written yet) and a blob not held are both 404.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OpenAsync(
        IFarm farm, string? sha256, string contentType, string missing, CancellationToken cancellationToken)
    {
        var stream = sha256 is null ? null : await farm.OpenBlobAsync(sha256, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return FarmProblems.Result(HttpProblem.NotFound, missing);
        }
        return TypedResults.Stream(stream, contentType, entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
    }

    private static ProblemHttpResult TooLarge(BlobKind kind, long limit)
    {
        var detail = $"the {(kind == BlobKind.Image ? "image" : "weights file")} is larger than {limit} bytes, the most accepted";
        return kind == BlobKind.Image
            ? FarmProblems.Result(ErrorCode.ImageTooLarge, detail)
            : FarmProblems.Result(HttpProblem.PayloadTooLarge, detail);
    }
}
