using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Farm;

/// <summary>The long transfers: uploads, the event stream and the archive, none bounded by the plain request timeout.</summary>
internal sealed partial class FarmClient
{
    /// <summary>Uploads the file at <paramref name="path"/> as <paramref name="kind"/>, reporting bytes sent.</summary>
    public Task<BlobInfo> UploadBlobAsync(string path, BlobKind kind, Action<long> sent, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        var kindName = kind == BlobKind.Weights ? "weights" : "image";
        return SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"api/blobs?kind={kindName}")
        {
            Content = new FileUploadContent(path, length, sent),
        }, response => ReadAsync<BlobInfo>(response, cancellationToken), cancellationToken, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Opens the event stream of a sweep (or of the farm when <paramref name="sweepId"/> is null) after
    /// event <paramref name="lastEventId"/>; the caller reads and disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenEventsAsync(Guid? sweepId, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, sweepId is { } id ? $"api/sweeps/{id}/events" : "api/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation(FarmHeaders.LastEventId, lastEventId);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (Unreachable(e) is { } reason)
        {
            throw new GatewayUnreachableException(Gateway, reason, e);
        }
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Writes the zip of a finished sweep to <paramref name="destination"/>; a sweep still running is a <see cref="FarmApiException"/> (409).</summary>
    public Task DownloadArchiveAsync(Guid id, Stream destination, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/sweeps/{id}/archive"), async response =>
        {
            await EnsureSuccessAsync(response, cancellationToken);
            await response.Content.CopyToAsync(destination, cancellationToken);
            return true;
        }, cancellationToken, Timeout.InfiniteTimeSpan);
}
