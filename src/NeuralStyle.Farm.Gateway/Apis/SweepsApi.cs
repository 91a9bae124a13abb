using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NeuralStyle.Engine;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>Sweeps: submit, list, look at, cancel; their grid pages and archive are in <c>SweepsApi.Files.cs</c>.</summary>
internal static partial class SweepsApi
{
    public static IEndpointRouteBuilder MapSweepsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/sweeps").WithTags("Sweeps");

        api.MapPost("", SubmitSweepAsync)
            .WithName("SubmitSweep")
            .WithSummary("Submit a sweep")
            .WithDescription("The body holds the spec nsf sweep reads, as JSON, naming every input sha256:<hex> (upload files first). " +
                "A path is refused; an unknown hash is 422 input_unusable.")
            .Accepts<SweepSubmission>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("", ListSweepsAsync)
            .WithName("ListSweeps")
            .WithSummary("Every sweep, newest first");

        api.MapGet("/{id}", GetSweepAsync)
            .WithName("GetSweep")
            .WithSummary("A sweep with every render and grid page")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/cancel", CancelSweepAsync)
            .WithName("CancelSweep")
            .WithSummary("Cancel every unfinished render of a sweep")
            .WithDescription("Renders other sweeps still need keep running.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        MapFiles(api);
        return endpoints;
    }

    public static async Task<Results<Created<SweepAccepted>, ProblemHttpResult>> SubmitSweepAsync(
        HttpRequest request, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        var body = RequestBodies.Limit(request, SweepSpecLimits.MaxSpecBytes);
        if (body is null)
        {
            return SubmissionTooLarge();
        }
        SweepSubmission? submission;
        try
        {
            submission = await JsonSerializer.DeserializeAsync<SweepSubmission>(body, FarmJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RequestBodies.IsTooLarge(e))
        {
            return SubmissionTooLarge();
        }
        catch (JsonException e)
        {
            return FarmProblems.Result(ErrorCode.InvalidSweep, request.ContentLength == 0
                ? "the body is empty: send a sweep submission, a JSON object such as {\"spec\": {...}}"
                : $"the body is not a sweep submission: {e.Message}");
        }
        if (submission is not { Spec.ValueKind: JsonValueKind.Object })
        {
            return FarmProblems.Result(ErrorCode.InvalidSweep, "spec: give the sweep spec as a JSON object (content, style, settings, axes)");
        }
        var accepted = await farm.SubmitSweepAsync(submission, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/sweeps/{accepted.Id:D}", accepted);
    }

    public static async Task<Ok<IReadOnlyList<SweepSummary>>> ListSweepsAsync([FromServices] IFarm farm, CancellationToken cancellationToken) =>
        TypedResults.Ok(await farm.ListSweepsAsync(cancellationToken).ConfigureAwait(false));

    public static async Task<Results<Ok<SweepView>, ProblemHttpResult>> GetSweepAsync(
        string id, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseSweep(id, out var sweepId, out var problem))
        {
            return problem;
        }
        var sweep = await farm.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false);
        return sweep is null ? UnknownSweep(sweepId) : TypedResults.Ok(sweep);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> CancelSweepAsync(
        string id, [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseSweep(id, out var sweepId, out var problem))
        {
            return problem;
        }
        return await farm.CancelSweepAsync(sweepId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Accepted($"/api/sweeps/{sweepId:D}")
            : UnknownSweep(sweepId);
    }

    /// <summary>The 404 of a sweep id no sweep has.</summary>
    public static ProblemHttpResult UnknownSweep(Guid id) => FarmProblems.Result(HttpProblem.NotFound, $"no sweep {id:D}");

    private static ProblemHttpResult SubmissionTooLarge() =>
        FarmProblems.Result(ErrorCode.InvalidSweep, $"the submission is larger than {SweepSpecLimits.MaxSpecBytes} bytes, the spec limit",
            StatusCodes.Status413PayloadTooLarge);
}
