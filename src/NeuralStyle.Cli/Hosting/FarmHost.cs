using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuralStyle.Farm.Gateway;
using NeuralStyle.Farm.Gateway.Apis;
using NeuralStyle.Farm.Worker;

namespace NeuralStyle.Cli.Hosting;

/// <summary>
/// Composes the farm's process: the gateway's web application (Kestrel on <c>--urls</c>, the API,
/// SQLite and the blob store under the data directory), MassTransit's in-memory bus and, for
/// <c>nsf serve</c>, the workers, which use the gateway's blob store instance.
/// </summary>
internal static class FarmHost
{
    /// <summary>How long a stopping host waits for its parts (a render is stopped at its next iteration, a request finishes).</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static WebApplication Build(FarmHostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            // Configuration files come with nsf, not from wherever it was started.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        // stdout carries nsf's own lines (where it listens); logs go to stderr.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("MassTransit", LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);

        var configuredKeys = builder.Configuration.GetSection("Farm:ApiKeys").GetChildren().Select(c => c.Value).OfType<string>();
        var gateway = new GatewayOptions
        {
            DataDirectory = settings.DataDirectory,
            ApiKeys = [.. settings.ApiKeys.Concat(configuredKeys).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)],
            DefaultWeightsPath = settings.DefaultWeights,
        };
        if (settings.MaxBatchSize is { } batch)
        {
            gateway = gateway with { MaxBatchSize = batch };
        }
        try
        {
            ApiKeyPolicy.RequireApiKeysBeyondLoopback(settings.Urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), gateway);
        }
        catch (InvalidOperationException e)
        {
            throw new FarmStartRefusedException(e.Message, e);
        }
        builder.Services.AddFarmGateway(gateway);
        builder.Services.AddGatewayEndpoints();
        if (settings.Workers is { } workers)
        {
            builder.Services.AddFarmWorkers(workers);
        }
        builder.Services.AddMassTransit(bus => FarmBus.Configure(bus, settings.Workers));

        var app = builder.Build();
        app.UseFarmGateway();
        app.MapFarmGateway();
        return app;
    }

    /// <summary>The addresses the started host listens on (a port 0 in --urls shows here as the port it got).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
