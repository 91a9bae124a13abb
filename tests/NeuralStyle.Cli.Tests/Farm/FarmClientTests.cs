using System.Net;
using System.Net.Sockets;
using System.Text;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Tests.Farm;

public sealed class FarmClientTests
{
    private static readonly Uri Gateway = new("http://gateway.test:5170");

    private static HttpResponseMessage Problem(HttpStatusCode status, string? code, string detail) => new(status)
    {
        Content = new StringContent(
            $"{{\"type\":\"https://neuralstyle.farm/errors/{code}\",\"title\":\"t\",\"status\":{(int)status},\"detail\":\"{detail}\"{(code is null ? "" : $",\"error_code\":\"{code}\"")}}}",
            Encoding.UTF8, "application/problem+json"),
    };

    private static async Task<FarmApiException> Refused(HttpResponseMessage response)
    {
        using var client = new FarmClient(Gateway, null, new StubHandler((_, _) => response));
        return await Assert.ThrowsAsync<FarmApiException>(() => client.ListSweepsAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_sweep", 2, "invalid sweep")]
    [InlineData(HttpStatusCode.BadRequest, "invalid_setting", 2, "invalid setting")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "input_unusable", 3, "input error")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "image_too_large", 3, "input error")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "weights_invalid", 3, "input error")]
    public async Task A_problem_becomes_its_error_codes_exit_code_and_detail(HttpStatusCode status, string code, int exitCode, string prefix)
    {
        var e = await Refused(Problem(status, code, "axes.size is empty"));
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(exitCode, e.ExitCode);
        Assert.Equal(prefix, e.Prefix);
        Assert.Equal("axes.size is empty", e.Message);
    }

    [Fact]
    public async Task A_missing_key_says_how_to_give_one()
    {
        var e = await Refused(Problem(HttpStatusCode.Unauthorized, null, "an API key is required"));
        Assert.Equal(ExitCodes.InvalidUsage, e.ExitCode);
        Assert.Contains("--api-key", e.Message);
    }

    [Fact]
    public async Task A_refusal_without_a_problem_body_still_says_what_was_refused()
    {
        var e = await Refused(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>nope</html>") });
        Assert.Equal(ExitCodes.InputError, e.ExitCode);
        Assert.Contains("GET /api/sweeps", e.Message);
        Assert.Contains("404", e.Message);
    }

    [Fact]
    public async Task Cancelling_something_finished_is_not_an_error_and_the_api_key_is_sent()
    {
        var handler = new StubHandler((request, _) => request.RequestUri!.AbsolutePath.Contains("/api/sweeps/", StringComparison.Ordinal)
            ? Problem(HttpStatusCode.Conflict, null, "already finished")
            : new HttpResponseMessage(HttpStatusCode.Accepted));
        using var client = new FarmClient(Gateway, "secret", handler);
        Assert.False(await client.CancelSweepAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.True(await client.CancelRenderAsync(new string('b', 64), CancellationToken.None));
        Assert.All(handler.Requests, r => Assert.Equal("secret", r.Headers.GetValues(FarmHeaders.ApiKey).Single()));
        Assert.Equal(HttpMethod.Post, handler.Requests[1].Method);
        Assert.Equal($"/api/renders/{new string('b', 64)}/cancel", handler.Requests[1].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_blob_the_gateway_lacks_answers_404_to_head()
    {
        var handler = new StubHandler((request, _) => new HttpResponseMessage(request.RequestUri!.AbsolutePath.EndsWith('a') ? HttpStatusCode.OK : HttpStatusCode.NotFound));
        using var client = new FarmClient(Gateway, null, handler);
        Assert.True(await client.HasBlobAsync(new string('a', 64), CancellationToken.None));
        Assert.False(await client.HasBlobAsync(new string('c', 64), CancellationToken.None));
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Head, r.Method));
    }

    [Fact]
    public async Task An_answer_that_is_not_the_expected_json_is_a_clear_error()
    {
        var e = await Refused(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"not\": \"a list\"}", Encoding.UTF8, "application/json") });
        Assert.Contains("cannot read", e.Message);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_an_unreachable_gateway_named_by_url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new FarmClient(new Uri($"http://127.0.0.1:{port}"), null);
        var e = await Assert.ThrowsAsync<GatewayUnreachableException>(() => client.ListWorkersAsync(CancellationToken.None));
        Assert.Equal(ExitCodes.GatewayUnreachable, e.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port}/", e.Message);
        Assert.Contains("connection refused", e.Message);
        Assert.Contains("nsf serve", e.Message);
    }
}
