using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Worker.Tests.Support;

/// <summary>A worker process on MassTransit's test harness (in-memory transport), with a recorder standing in for the gateway.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private WorkerHost(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
    }

    public static readonly TimeSpan RenderBound = TimeSpan.FromMinutes(2);

    public ITestHarness Harness { get; }

    public RecordedEvents Events => _provider.GetRequiredService<RecordedEvents>();

    public static async Task<WorkerHost> StartAsync(IBlobStore blobs, WorkerOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(blobs);
        services.AddSingleton<RecordedEvents>();
        services.AddFarmWorkers(options);
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddWorkerConsumers(options);
            // One at a time: events are recorded in the order the worker published them.
            bus.AddConsumer<EventRecorder>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1);
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        // Tests wait for renders on RecordedEvents; the harness's own waits (Any) are for messages already on their way.
        harness.TestTimeout = RenderBound;
        await harness.Start();
        return new WorkerHost(provider, harness);
    }

    /// <summary>Sends <paramref name="batch"/> to the render-batch queue, as the gateway does.</summary>
    public async Task SendAsync(RenderBatch batch)
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(new Uri($"queue:{FarmQueues.RenderBatch}"));
        await endpoint.Send(batch);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
