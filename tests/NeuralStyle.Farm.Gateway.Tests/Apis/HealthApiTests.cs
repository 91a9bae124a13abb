using System.Net;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Health_follows_the_farms_readiness_and_alive_does_not()
    {
        var readiness = new Readiness { IsReady = false };
        await using var factory = new GatewayApiFactory(new FakeFarm(), readiness: readiness);
        var client = factory.CreateClient();

        using var notReady = await client.GetAsync("/health");
        using var aliveWhileNotReady = await client.GetAsync("/alive");
        readiness.IsReady = true;
        using var ready = await client.GetAsync("/health");

        var problem = await Problems.AssertProblemAsync(notReady, HttpStatusCode.ServiceUnavailable, "not_ready");
        Assert.Contains("not ready", Problems.Detail(problem), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, aliveWhileNotReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_host_that_registers_no_readiness_is_not_ready()
    {
        await using var factory = new GatewayApiFactory(new FakeFarm());
        var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");
        using var alive = await client.GetAsync("/alive");

        var problem = await Problems.AssertProblemAsync(health, HttpStatusCode.ServiceUnavailable, "not_ready");
        Assert.Contains("IFarmReadiness", Problems.Detail(problem), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
