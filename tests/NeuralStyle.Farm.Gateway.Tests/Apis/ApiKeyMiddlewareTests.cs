using System.Net;
using System.Text;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class ApiKeyMiddlewareTests
{
    private static readonly GatewayOptions WithKeys = new() { DataDirectory = "unused", ApiKeys = ["first-key", "second-key"] };

    private static HttpRequestMessage Submit(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sweeps")
        {
            Content = new StringContent("""{"spec":{"content":"sha256:aa"}}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add(FarmHeaders.ApiKey, key);
        }
        return request;
    }

    [Fact]
    public async Task With_keys_configured_a_post_without_a_key_is_401_and_never_reaches_the_farm()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, WithKeys);
        var client = factory.CreateClient();

        using var submit = await client.SendAsync(Submit(null));
        using var cancel = await client.PostAsync($"/api/renders/{Views.Key}/cancel", null);
        using var upload = await client.PostAsync("/api/blobs?kind=image", new ByteArrayContent([1]));

        await Problems.AssertProblemAsync(submit, HttpStatusCode.Unauthorized, "api_key_missing");
        await Problems.AssertProblemAsync(cancel, HttpStatusCode.Unauthorized, "api_key_missing");
        await Problems.AssertProblemAsync(upload, HttpStatusCode.Unauthorized, "api_key_missing");
        Assert.NotEmpty(submit.Headers.WwwAuthenticate);
        Assert.Empty(farm.Calls);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("first-ke")]
    [InlineData("first-key ")]
    [InlineData("FIRST-KEY")]
    public async Task With_keys_configured_a_post_with_a_wrong_key_is_403(string key)
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, WithKeys);

        using var response = await factory.CreateClient().SendAsync(Submit(key));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "api_key_invalid");
        Assert.Empty(farm.Calls);
    }

    [Theory]
    [InlineData("first-key")]
    [InlineData("second-key")]
    public async Task With_keys_configured_a_post_with_a_right_key_is_served(string key)
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, WithKeys);

        using var response = await factory.CreateClient().SendAsync(Submit(key));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(farm.Submissions);
    }

    [Fact]
    public async Task With_keys_configured_reads_stay_open()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, WithKeys);
        var client = factory.CreateClient();

        using var sweeps = await client.GetAsync("/api/sweeps");
        using var workers = await client.GetAsync("/api/workers");

        Assert.Equal(HttpStatusCode.OK, sweeps.StatusCode);
        Assert.Equal(HttpStatusCode.OK, workers.StatusCode);
    }

    [Fact]
    public async Task Without_keys_a_post_needs_none()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, new GatewayOptions { DataDirectory = "unused", ApiKeys = ["", "  "] });

        using var response = await factory.CreateClient().SendAsync(Submit(null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
