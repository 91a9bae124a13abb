using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Live events over Server-Sent Events, farm-wide and per sweep. A client resumes with the standard
/// <c>Last-Event-ID</c> header (or <c>?after=</c> where it cannot set headers; the header wins) and
/// gets every event after that id, then live ones, none twice. Without either it gets the log from
/// its start.
/// </summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events", StreamEvents)
            .WithTags("Events")
            .WithName("StreamEvents")
            .WithSummary("Every event of the farm, live (Server-Sent Events)")
            .WithDescription("Resume with the Last-Event-ID header or ?after=N: events with ids above N, then live ones.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/api/sweeps/{id}/events", StreamSweepEventsAsync)
            .WithTags("Events")
            .WithName("StreamSweepEvents")
            .WithSummary("The events of one sweep and its renders, live (Server-Sent Events)")
            .WithDescription("Ends after sweep_completed. Resume with the Last-Event-ID header or ?after=N.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    public static Results<EventStreamResult, ProblemHttpResult> StreamEvents(
        [FromHeader(Name = FarmHeaders.LastEventId)] string? lastEventId, [FromQuery] string? after)
    {
        if (!TryParsePosition(lastEventId, after, out var position, out var problem))
        {
            return problem;
        }
        return new EventStreamResult(position, null);
    }

    public static async Task<Results<EventStreamResult, ProblemHttpResult>> StreamSweepEventsAsync(string id,
        [FromHeader(Name = FarmHeaders.LastEventId)] string? lastEventId, [FromQuery] string? after,
        [FromServices] IFarm farm, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseSweep(id, out var sweepId, out var problem) || !TryParsePosition(lastEventId, after, out var position, out problem))
        {
            return problem;
        }
        // Decided before the stream starts: once it has, the status is 200 whatever follows.
        if (await farm.GetSweepAsync(sweepId, cancellationToken).ConfigureAwait(false) is null)
        {
            return SweepsApi.UnknownSweep(sweepId);
        }
        return new EventStreamResult(position, sweepId);
    }

    /// <summary>The resume position: the header when sent (an empty one, which a browser sends to start afresh, is none), else the query, else 0.</summary>
    public static bool TryParsePosition(string? lastEventId, string? after, out long position,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        var (value, source) = !string.IsNullOrEmpty(lastEventId) ? (lastEventId, FarmHeaders.LastEventId)
            : !string.IsNullOrEmpty(after) ? (after, "after") : (null, null);
        position = 0;
        problem = value is null || long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out position)
            ? null
            : FarmProblems.Result(HttpProblem.BadRequest, $"{source} '{RouteIds.Quote(value)}' is not an event id: a whole number from 0");
        return problem is null;
    }
}
