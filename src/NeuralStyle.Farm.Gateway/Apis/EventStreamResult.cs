using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Streams the farm's events after a position as Server-Sent Events: <c>id</c>, <c>event</c> and
/// one line of <c>data</c> (the event as the farm's JSON) per event, flushed at once; a comment
/// when the farm is quiet. It asks the farm for the next event only after the client took the
/// last, so a slow client is read for at its own pace and nothing is buffered for it.
/// </summary>
/// <param name="after">Events with ids above this are sent.</param>
/// <param name="sweepId">Only this sweep's events (the stream ends after it completes); null: the whole farm.</param>
internal sealed partial class EventStreamResult(long after, Guid? sweepId) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    private const string KeepAliveComment = ": keep-alive\n\n";

    /// <summary>Events after this id.</summary>
    public long After => after;

    /// <summary>The sweep streamed; null for the farm-wide stream.</summary>
    public Guid? SweepId => sweepId;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(FarmEvent), [ContentType]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var farm = services.GetRequiredService<IFarm>();
        var keepAlive = services.GetRequiredService<IOptions<EventStreamOptions>>().Value.KeepAliveInterval;
        if (keepAlive <= TimeSpan.Zero)
        {
            keepAlive = Timeout.InfiniteTimeSpan;
        }
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetRequiredService<ILogger<EventStreamResult>>();
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;

        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) buffer responses unless told not to; a buffered stream is not live.
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var sent = 0;
        var events = farm.EventsAsync(after, sweepId, aborted).GetAsyncEnumerator(aborted);
        Task<bool>? pending = null;
        try
        {
            await response.StartAsync(aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            while (true)
            {
                pending = events.MoveNextAsync().AsTask();
                bool more;
                while (true)
                {
                    try
                    {
                        more = await pending.WaitAsync(keepAlive, time, aborted).ConfigureAwait(false);
                        break;
                    }
                    catch (TimeoutException) when (!pending.IsCompleted)
                    {
                        await WriteAsync(response, KeepAliveComment, aborted).ConfigureAwait(false);
                    }
                }
                pending = null;
                if (!more)
                {
                    break;
                }
                await WriteAsync(response, Format(events.Current), aborted).ConfigureAwait(false);
                sent++;
            }
            Log.StreamEnded(logger, httpContext.Request.Path.Value, sent);
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            Log.ClientLeft(logger, httpContext.Request.Path.Value, sent);
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNextAsync is in flight; the farm
            // honours the request's token, so the pending call ends promptly once the client left.
            if (pending is not null)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException || aborted.IsCancellationRequested)
                {
                }
            }
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One event as the stream carries it; the JSON is compact, so it is a single data line.</summary>
    public static string Format(FarmEvent farmEvent)
    {
        ArgumentNullException.ThrowIfNull(farmEvent);
        // A line break in the type would end the field and let the rest pose as another field.
        var type = farmEvent.Type.Replace('\r', '_').Replace('\n', '_');
        return $"id: {farmEvent.Id}\nevent: {type}\ndata: {FarmJson.Serialize(farmEvent)}\n\n";
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
