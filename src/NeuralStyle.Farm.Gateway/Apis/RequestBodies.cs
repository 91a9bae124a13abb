using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>Per-route body limits: a declared length over the limit is refused before a byte is read.</summary>
internal static class RequestBodies
{
    /// <summary>
    /// The request's body limited to <paramref name="limit"/> bytes, or null when its Content-Length
    /// already exceeds it. Also raises (or lowers) the server's own limit for this request, which
    /// Kestrel otherwise holds at 30 MB for every route, too little for a weights file.
    /// </summary>
    public static Stream? Limit(HttpRequest request, long limit)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }
        return request.ContentLength > limit ? null : new LimitedReadStream(request.Body, limit);
    }

    /// <summary>True for the exception a body over its limit raises (from the server or <see cref="LimitedReadStream"/>).</summary>
    public static bool IsTooLarge(Exception exception) =>
        exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
}
