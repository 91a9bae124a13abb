using NeuralStyle.Farm.Gateway.Apis;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class ApiKeyPolicyTests
{
    private static readonly GatewayOptions NoKeys = new() { DataDirectory = "unused" };

    [Theory]
    [InlineData("http://0.0.0.0:5170")]
    [InlineData("http://192.168.1.20:5170")]
    [InlineData("http://10.0.0.5:80")]
    [InlineData("http://[::]:5170")]
    [InlineData("http://*:5170")]
    [InlineData("http://+:5170")]
    [InlineData("https://farm.example.com:443")]
    [InlineData("http://[fe80::1]:5170")]
    public void Listening_beyond_loopback_without_keys_is_refused_naming_the_address(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ApiKeyPolicy.RequireApiKeysBeyondLoopback(["http://127.0.0.1:5170", url], NoKeys));

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5170")]
    [InlineData("http://127.0.0.2:5170")]
    [InlineData("http://localhost:5170")]
    [InlineData("https://LOCALHOST:5171")]
    [InlineData("http://[::1]:5170")]
    [InlineData("http://unix:/run/nsf.sock")]
    public void Listening_on_loopback_without_keys_is_allowed(string url) =>
        ApiKeyPolicy.RequireApiKeysBeyondLoopback([url], NoKeys);

    [Fact]
    public void No_urls_means_the_servers_default_on_localhost_and_is_allowed() =>
        ApiKeyPolicy.RequireApiKeysBeyondLoopback([], NoKeys);

    [Fact]
    public void Listening_beyond_loopback_with_a_key_is_allowed() =>
        ApiKeyPolicy.RequireApiKeysBeyondLoopback(["http://0.0.0.0:5170"], NoKeys with { ApiKeys = ["k"] });

    [Fact]
    public void Blank_keys_do_not_count_as_keys() =>
        Assert.Throws<InvalidOperationException>(() =>
            ApiKeyPolicy.RequireApiKeysBeyondLoopback(["http://0.0.0.0:5170"], NoKeys with { ApiKeys = [" "] }));

    [Fact]
    public void A_malformed_url_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiKeyPolicy.RequireApiKeysBeyondLoopback(["127.0.0.1:5170:9"], NoKeys));

        Assert.Contains("127.0.0.1:5170:9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_is_accepted_only_when_it_equals_a_configured_one()
    {
        string[] keys = ["alpha", "beta"];

        Assert.True(ApiKeyPolicy.Accepts(keys, "beta"));
        Assert.False(ApiKeyPolicy.Accepts(keys, "bet"));
        Assert.False(ApiKeyPolicy.Accepts(keys, ""));
        Assert.False(ApiKeyPolicy.Accepts([], "alpha"));
    }
}
