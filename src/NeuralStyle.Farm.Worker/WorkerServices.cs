using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Farm.Worker;

/// <summary>Registers a process's workers: their engines, the RenderBatch and CancelRender consumers, the heartbeat.</summary>
public static class WorkerServices
{
    /// <summary>
    /// Adds the workers' services: <see cref="WorkerOptions.Count"/> workers (each an engine on
    /// <see cref="WorkerOptions.Device"/> with its own render thread, created with the first
    /// consumer), their scratch folder, instruments and the heartbeat service. They read and write
    /// blobs through the registered <c>IBlobStore</c>, which the host provides. Calling it again
    /// (or after <see cref="AddWorkerConsumers"/>) adds nothing more.
    /// </summary>
    public static IServiceCollection AddFarmWorkers(this IServiceCollection services, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Count, 1, nameof(options));
        if (options.Threads is { } threads && (threads < 1 || threads > EngineRuntime.MaxThreads))
        {
            throw new ArgumentOutOfRangeException(nameof(options), threads, $"Threads must be 1..{EngineRuntime.MaxThreads}");
        }
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkerIdentity>();
        services.TryAddSingleton<WorkerScratch>();
        services.TryAddSingleton<WorkerPool>();
        services.TryAddSingleton<CancelledRenders>();
        services.TryAddSingleton(provider => new WorkerInstruments(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkerHeartbeats>());
        return services;
    }

    /// <summary>
    /// Adds the worker consumers to the bus: <c>RenderBatch</c> on the shared queue
    /// <see cref="Contracts.FarmQueues.RenderBatch"/> (concurrency and prefetch = the workers) and
    /// <c>CancelRender</c> on a temporary endpoint of this process's own. Registers the workers'
    /// services too (<see cref="AddFarmWorkers"/>), so a host may call either first.
    /// </summary>
    public static void AddWorkerConsumers(this IBusRegistrationConfigurator bus, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        bus.AddFarmWorkers(options);
        bus.AddConsumer<RenderBatchConsumer, RenderBatchConsumerDefinition>();
        bus.AddConsumer<CancelRenderConsumer, CancelRenderConsumerDefinition>();
    }
}
