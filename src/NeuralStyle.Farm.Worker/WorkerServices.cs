using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace NeuralStyle.Farm.Worker;

/// <summary>Registers a process's workers: their engines, the RenderBatch and CancelRender consumers, the heartbeat.</summary>
public static class WorkerServices
{
    /// <summary>Adds the workers' services. They read and write blobs through the registered <c>IBlobStore</c>.</summary>
    public static IServiceCollection AddFarmWorkers(this IServiceCollection services, WorkerOptions options)
    {
        services.AddSingleton(options);
        return services;
    }

    /// <summary>Adds the worker consumers to the bus (the render-batch queue and this process's control endpoint).</summary>
    public static void AddWorkerConsumers(this IBusRegistrationConfigurator bus, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
    }
}
