using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Events;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Renders;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Storage;

namespace NeuralStyle.Farm.Gateway.Tests.Support;

/// <summary>
/// The gateway core as a host would run it (its hosted services started), with the bus replaced by
/// a <see cref="RecordingDispatch"/> and the grid composer by <see cref="TextSweepDocuments"/> (results
/// here are not images): a test plays the workers by calling <see cref="Events"/>.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly ServiceProvider _provider;
    private readonly IReadOnlyList<IHostedService> _hosted;

    private GatewayHarness(ServiceProvider provider, IReadOnlyList<IHostedService> hosted)
    {
        _provider = provider;
        _hosted = hosted;
    }

    public IFarm Farm => _provider.GetRequiredService<IFarm>();

    public DirectoryBlobStore Blobs => _provider.GetRequiredService<DirectoryBlobStore>();

    public WorkerEvents Events => _provider.GetRequiredService<WorkerEvents>();

    public DispatchScheduler Scheduler => _provider.GetRequiredService<DispatchScheduler>();

    public GatewayInstruments Instruments => _provider.GetRequiredService<GatewayInstruments>();

    public FarmHealth Health => _provider.GetRequiredService<FarmHealth>();

    public RecordingDispatch Dispatch => (RecordingDispatch)_provider.GetRequiredService<IRenderDispatch>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<GatewayHarness> StartAsync(string dataDirectory, Func<GatewayOptions, GatewayOptions>? configure = null,
        bool runScheduler = true, TimeProvider? time = null)
    {
        var options = new GatewayOptions { DataDirectory = dataDirectory };
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.AddSingleton<IRenderDispatch, RecordingDispatch>();
        services.AddSingleton<ISweepDocuments, TextSweepDocuments>();
        services.AddFarmGateway(configure?.Invoke(options) ?? options);
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        if (!runScheduler)
        {
            // Recovery still runs (it is the scheduler's start); passes are then the test's to run.
            await provider.GetRequiredService<GatewayRecovery>().RunAsync(CancellationToken.None);
            hosted.RemoveAll(h => h is DispatchScheduler);
        }
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
        return new GatewayHarness(provider, hosted);
    }

    /// <summary>A worker with <paramref name="slots"/> slots reports in.</summary>
    public void Heartbeat(string worker = "worker-1", int slots = 1, IReadOnlyList<string>? running = null) =>
        Events.Heartbeat(new WorkerHeartbeat(worker, "cpu", slots, running ?? [], null, 0, 0, 0, 0, 1, null, Stopping: false));

    /// <summary>Plays a worker that starts and completes every render of <paramref name="batch"/>.</summary>
    public async Task CompleteAsync(RenderBatch batch, string worker = "worker-1")
    {
        foreach (var render in batch.Renders)
        {
            await Events.StartedAsync(new RenderStarted(render.Key(), batch.BatchId, worker, batch.Attempt), CancellationToken.None);
        }
        foreach (var render in batch.Renders)
        {
            await Events.CompletedAsync(Completion(render.Key(), batch.Attempt, worker, batch.Renders.Count), CancellationToken.None);
        }
    }

    public static RenderCompleted Completion(string key, int attempt, string worker = "worker-1", int batchSize = 1) =>
        new(key, key, new RenderLosses(3, 1, 2, 0), 0.5, worker, attempt, TraceSha256: null, Iteration: 2, BatchSize: batchSize);

    /// <summary>Reads the sweep's stream from the start until an event of <paramref name="type"/>, within the bound.</summary>
    public async Task<FarmEvent> WaitForEventAsync(Guid sweepId, string type)
    {
        using var cancel = new CancellationTokenSource(Bound);
        try
        {
            await foreach (var e in Farm.EventsAsync(0, sweepId, cancel.Token))
            {
                if (e.Type == type)
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new Xunit.Sdk.XunitException($"expected a {type} event of sweep {sweepId} within {Bound.TotalSeconds} s");
    }

    /// <summary>Every event logged so far, read from the farm-wide stream up to the last committed id.</summary>
    public async Task<IReadOnlyList<FarmEvent>> LoggedEventsAsync()
    {
        var last = Get<EventNotifier>().Last;
        var events = new List<FarmEvent>();
        if (last == 0)
        {
            return events;
        }
        using var cancel = new CancellationTokenSource(Bound);
        await foreach (var e in Farm.EventsAsync(0, null, cancel.Token))
        {
            events.Add(e);
            if (e.Id >= last)
            {
                break;
            }
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}
