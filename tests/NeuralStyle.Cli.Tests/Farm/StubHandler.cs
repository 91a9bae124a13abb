namespace NeuralStyle.Cli.Tests.Farm;

/// <summary>An HTTP handler answering from a function and keeping every request it saw (unit tests of the client only).</summary>
public sealed class StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly List<HttpRequestMessage> _requests = [];

    public IReadOnlyList<HttpRequestMessage> Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        var response = answer(request, _requests.Count - 1);
        response.RequestMessage ??= request;
        return Task.FromResult(response);
    }
}
