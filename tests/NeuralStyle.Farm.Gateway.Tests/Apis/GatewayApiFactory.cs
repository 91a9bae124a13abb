using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Gateway.Apis;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>
/// The gateway's HTTP layer on a test server, composed as a host composes it (AddGatewayEndpoints,
/// UseFarmGateway, routing, MapFarmGateway) over a <see cref="FakeFarm"/>. The gateway is a library
/// with no entry point, so the factory builds the host itself.
/// </summary>
public sealed class GatewayApiFactory : WebApplicationFactory<GatewayApiFactory>
{
    private readonly IFarm _farm;
    private readonly GatewayOptions _options;
    private readonly IFarmReadiness? _readiness;
    private readonly TimeSpan _keepAlive;

    internal GatewayApiFactory(IFarm farm, GatewayOptions? options = null, IFarmReadiness? readiness = null, TimeSpan? keepAlive = null)
    {
        _farm = farm;
        _options = options ?? new GatewayOptions { DataDirectory = "unused" };
        _readiness = readiness;
        _keepAlive = keepAlive ?? TimeSpan.FromMinutes(10);
    }

    // The factory looks for a project folder named after the test assembly; the gateway needs no content.
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web =>
            {
                web.ConfigureServices(services =>
                {
                    services.AddGatewayEndpoints();
                    services.AddSingleton(_farm);
                    services.AddSingleton(_options);
                    services.Configure<EventStreamOptions>(o => o.KeepAliveInterval = _keepAlive);
                    if (_readiness is not null)
                    {
                        services.AddSingleton(_readiness);
                    }
                });
                web.Configure(app =>
                {
                    app.UseFarmGateway();
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapFarmGateway());
                });
            });
}
