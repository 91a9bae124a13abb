using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Apis;
using NeuralStyle.Farm.Gateway.Consumers;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Events;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Renders;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Storage;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Submission;
using NeuralStyle.Farm.Gateway.Sweeps;

namespace NeuralStyle.Farm.Gateway;

/// <summary>Registers the gateway core (store, blobs, scheduler, events) and its consumers of worker events.</summary>
public static class GatewayServices
{
    /// <summary>
    /// Adds the gateway's services, <see cref="IFarm"/> among them, and its hosted services (the
    /// sweep finisher, then the scheduler, whose start runs the recovery and makes
    /// <see cref="FarmHealth"/> ready). Also registers the blob store as <see cref="IBlobStore"/>
    /// (workers in the same process share it), <see cref="FarmHealth"/> as the <see cref="IFarmReadiness"/>
    /// behind <c>/health</c>, and <see cref="GatewayInstruments"/>. The bus (MassTransit)
    /// is the host's to add, with <see cref="AddGatewayConsumers"/>.
    /// </summary>
    public static IServiceCollection AddFarmGateway(this IServiceCollection services, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GatewayInstruments(sp.GetService<IMeterFactory>()));
        services.AddSingleton<FarmHealth>();
        services.AddSingleton<IFarmReadiness>(sp => sp.GetRequiredService<FarmHealth>());

        services.AddSingleton<DirectoryBlobStore>();
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<DirectoryBlobStore>());
        services.AddSingleton<EventNotifier>();
        services.AddSingleton<FarmDatabase>();
        services.AddSingleton<SweepRepository>();
        services.AddSingleton<RenderRepository>();
        services.AddSingleton<EventRepository>();

        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<InFlightBatches>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<ProgressThrottle>();
        services.AddSingleton<WorkerEvents>();
        services.AddSingleton<DefaultWeights>();
        services.AddSingleton<SubmissionPlanner>();
        services.AddSingleton<SweepSubmitter>();
        services.AddSingleton<Cancellations>();
        services.AddSingleton<EventStream>();
        services.AddSingleton<GatewayRecovery>();
        services.TryAddSingleton<IRenderDispatch, BusRenderDispatch>();
        services.TryAddSingleton<ISweepDocuments, SweepDocuments>();

        // Registration order is start order: the finisher reads its queue before the recovery fills it.
        services.AddSingleton<SweepFinisher>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepFinisher>());
        services.AddSingleton<DispatchScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchScheduler>());

        services.AddSingleton<GatewayFarm>();
        services.AddSingleton<IFarm>(sp => sp.GetRequiredService<GatewayFarm>());
        return services;
    }

    /// <summary>Adds the consumers of worker events (started, progressed, completed, failed, heartbeat) to the bus.</summary>
    public static void AddGatewayConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        // The handlers are idempotent, so a failed write (the database busy past its timeout) is simply tried again.
        bus.AddConsumer<RenderStartedConsumer>(RetryBriefly);
        bus.AddConsumer<RenderProgressedConsumer>();
        bus.AddConsumer<RenderCompletedConsumer>(RetryBriefly);
        bus.AddConsumer<RenderFailedConsumer>(RetryBriefly);
        bus.AddConsumer<WorkerHeartbeatConsumer>();
    }

    private static void RetryBriefly<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class
    {
        consumer.UseMessageRetry(r => r.Intervals(100, 1000, 5000));
    }
}
