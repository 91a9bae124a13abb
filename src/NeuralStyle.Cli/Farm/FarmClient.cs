using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// The gateway's HTTP API, typed over the contract DTOs. A refusal becomes a
/// <see cref="FarmApiException"/> carrying the problem's <c>error_code</c> and detail; no gateway at
/// the URL becomes a <see cref="GatewayUnreachableException"/>. Thread-safe.
/// </summary>
internal sealed partial class FarmClient : IDisposable
{
    /// <summary>Where <c>nsf serve</c> listens unless told otherwise.</summary>
    public const string DefaultGateway = "http://127.0.0.1:5170";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http;

    public FarmClient(Uri gateway, string? apiKey, HttpMessageHandler? handler = null)
    {
        Gateway = gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = Gateway,
            // Event streams and uploads run as long as they need; plain requests get their own bound.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add(FarmHeaders.ApiKey, apiKey);
        }
    }

    public Uri Gateway { get; }

    /// <summary>The URL of <paramref name="path"/> on the gateway, for people to open.</summary>
    public Uri UrlOf(string path) => new(Gateway, path);

    /// <summary>The default gateway: $NSF_GATEWAY, else <see cref="DefaultGateway"/>.</summary>
    public static string DefaultGatewayUrl =>
        Environment.GetEnvironmentVariable("NSF_GATEWAY") is { Length: > 0 } url ? url : DefaultGateway;

    public Task<bool> HasBlobAsync(string sha256, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Head, $"api/blobs/{sha256}"), async response =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
            await EnsureSuccessAsync(response, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<SweepAccepted> SubmitSweepAsync(SweepSubmission submission, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/sweeps") { Content = JsonContent.Create(submission, options: FarmClientJson.Options) },
            response => ReadAsync<SweepAccepted>(response, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<SweepSummary>>("api/sweeps", cancellationToken);

    public Task<SweepView> GetSweepAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<SweepView>($"api/sweeps/{id}", cancellationToken);

    public Task<IReadOnlyList<WorkerView>> ListWorkersAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<WorkerView>>("api/workers", cancellationToken);

    /// <summary>Asks the gateway to cancel a sweep: true when accepted, false when it had already finished (409); unknown is a <see cref="FarmApiException"/> (404).</summary>
    public Task<bool> CancelSweepAsync(Guid id, CancellationToken cancellationToken) =>
        CancelAsync($"api/sweeps/{id}/cancel", cancellationToken);

    /// <summary>As <see cref="CancelSweepAsync"/>, for one render by key.</summary>
    public Task<bool> CancelRenderAsync(string key, CancellationToken cancellationToken) =>
        CancelAsync($"api/renders/{key}/cancel", cancellationToken);

    private Task<bool> CancelAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path), async response =>
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                return false;
            }
            await EnsureSuccessAsync(response, cancellationToken);
            return true;
        }, cancellationToken);

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), response => ReadAsync<T>(response, cancellationToken), cancellationToken);

    /// <summary>Sends a request made by <paramref name="request"/> within <see cref="RequestTimeout"/> and reads its answer.</summary>
    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, Func<HttpResponseMessage, Task<T>> read,
        CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            bound.CancelAfter(timeout ?? RequestTimeout);
        }
        using var message = request();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, bound.Token);
            return await read(response);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayUnreachableException(Gateway, $"no answer to {message.Method} {PathOf(message)} within {(timeout ?? RequestTimeout).TotalSeconds:F0} s", e);
        }
        catch (HttpRequestException e) when (Unreachable(e) is { } reason)
        {
            throw new GatewayUnreachableException(Gateway, reason, e);
        }
    }

    /// <summary>Why no gateway could be reached, or null when the failure came later (a dropped connection).</summary>
    internal static string? Unreachable(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        HttpRequestError.ConnectionError => e.InnerException?.Message ?? e.Message,
        HttpRequestError.SecureConnectionError => $"TLS failed: {e.Message}",
        _ => null,
    };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(FarmClientJson.Options, cancellationToken)
                ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new FarmApiException(response.StatusCode, null,
                $"the gateway answered {response.RequestMessage?.Method} {PathOf(response.RequestMessage)} with JSON nsf cannot read as {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>"/api/sweeps": the request's path on the gateway, for messages.</summary>
    private static string PathOf(HttpRequestMessage? request) => request?.RequestUri switch
    {
        null => "?",
        { IsAbsoluteUri: true } uri => uri.PathAndQuery,
        var uri => "/" + uri.OriginalString.TrimStart('/'),
    };

    /// <summary>Throws the response's ProblemDetails as a <see cref="FarmApiException"/> unless it succeeded.</summary>
    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var (code, detail) = await ProblemOf(response, cancellationToken);
        var what = $"{response.RequestMessage?.Method} {PathOf(response.RequestMessage)}";
        var message = detail ?? $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            message += response.StatusCode == HttpStatusCode.Unauthorized
                ? " (this gateway needs an API key: pass --api-key KEY or set NSF_API_KEY)"
                : " (check --api-key or NSF_API_KEY)";
        }
        throw new FarmApiException(response.StatusCode, code, message);
    }

    /// <summary>The problem's error_code and its detail (else its title); nulls when the body is not a problem.</summary>
    private static async Task<(string? Code, string? Detail)> ProblemOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // A problem is small; an error page of unknown size is not read whole.
            var text = await ReadBoundedAsync(response.Content, 64 << 10, cancellationToken);
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("error_code"), Text("detail") ?? Text("title"));
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException or InvalidDataException)
        {
            return (null, null);
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes];
        var total = 0;
        int read;
        while (total < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }

    public void Dispose() => _http.Dispose();
}
