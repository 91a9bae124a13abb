using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Consumers;

/// <summary>
/// The gateway on MassTransit's in-memory test harness, with a fake worker answering its batches
/// and the real grid composer drawing the page from the results the fake stored.
/// </summary>
public sealed class GatewayBusTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task A_sweep_goes_from_queued_to_completed_over_the_bus_with_its_grid_pages_recorded()
    {
        var png = _data.File("result.png");
        TestInputs.WritePng(png, 8, 8, 3);
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddFarmGateway(new GatewayOptions { DataDirectory = _data.Path, MaxBatchSize = 2 })
            .AddSingleton(new FakeWorkerConsumer.ResultImage(await File.ReadAllBytesAsync(png)))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddGatewayConsumers();
                bus.AddConsumer<FakeWorkerConsumer>().Endpoint(e => e.Name = FarmQueues.RenderBatch);
            })
            .BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = GatewayHarness.Bound;
        await harness.Start();
        try
        {
            var farm = provider.GetRequiredService<IFarm>();
            Assert.True(provider.GetRequiredService<FarmHealth>().IsReady);
            var inputs = await TestInputs.UploadAsync(farm, _data.Path);
            var accepted = await farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec("\"alpha_beta\": [1e-3, 1e-2], \"seed\": [1, 2]")),
                CancellationToken.None);
            Assert.Equal(SweepStatus.Running, (await farm.GetSweepAsync(accepted.Id, CancellationToken.None))!.Status);

            await harness.Bus.Publish(new WorkerHeartbeat(FakeWorkerConsumer.Name, "cpu", 1, [], null, 0, 0, 0, 0, 1, null, Stopping: false));

            using var cancel = new CancellationTokenSource(GatewayHarness.Bound);
            var types = new List<string>();
            await foreach (var e in farm.EventsAsync(accepted.EventsAfter, accepted.Id, cancel.Token))
            {
                types.Add(e.Type);
            }
            Assert.Equal(FarmEventTypes.SweepCompleted, types[^1]);
            // A started event that arrives after its render's completion (the bus delivers them concurrently) is dropped as stale.
            Assert.InRange(types.Count(t => t == FarmEventTypes.RenderStarted), 0, 4);
            Assert.Equal(4, types.Count(t => t == FarmEventTypes.RenderCompleted));
            var sweep = (await farm.GetSweepAsync(accepted.Id, CancellationToken.None))!;
            Assert.Equal((SweepStatus.Completed, new SweepCounts(0, 0, 4, 0, 0)), (sweep.Status, sweep.Counts));
            Assert.All(sweep.Renders, r => Assert.Equal((FakeWorkerConsumer.Name, 2, 1), (r.Worker, r.BatchSize, r.Attempts)));
            Assert.True(await farm.HasBlobAsync(sweep.Renders[0].ImageSha256!, CancellationToken.None));
            var page = Assert.Single(sweep.Grids);
            Assert.StartsWith("grid-", page.File, StringComparison.Ordinal);
            await using (var grid = (await farm.OpenBlobAsync(page.Sha256!, CancellationToken.None))!)
            {
                var signature = new byte[8];
                await grid.ReadExactlyAsync(signature);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a }, signature);
            }
            Assert.True(await harness.Sent.Any<RenderBatch>());
            Assert.Equal(2, harness.Sent.Select<RenderBatch>().Count());
            Assert.True(await harness.Published.Any<SweepCompleted>(m => m.Context.Message.SweepId == accepted.Id && m.Context.Message.Completed == 4));
            Assert.True(await harness.Consumed.Any<RenderCompleted>());
        }
        finally
        {
            await harness.Stop();
        }
    }

    public void Dispose() => _data.Dispose();
}
