using MassTransit;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Tests.Consumers;

/// <summary>A worker double on the render-batch queue: stores a tiny PNG as every render's result and reports it started and completed.</summary>
public sealed class FakeWorkerConsumer(IBlobStore blobs, FakeWorkerConsumer.ResultImage image) : IConsumer<RenderBatch>
{
    public const string Name = "fake-worker";

    public async Task Consume(ConsumeContext<RenderBatch> context)
    {
        var batch = context.Message;
        foreach (var render in batch.Renders)
        {
            await context.Publish(new RenderStarted(render.Key(), batch.BatchId, Name, batch.Attempt));
        }
        foreach (var render in batch.Renders)
        {
            using var png = new MemoryStream(image.Bytes);
            var sha256 = await blobs.PutAsync(png, long.MaxValue, context.CancellationToken);
            await context.Publish(new RenderCompleted(render.Key(), sha256, new RenderLosses(3, 1, 2, 0), 0.1, Name, batch.Attempt,
                Iteration: render.Settings.Iterations, BatchSize: batch.Renders.Count));
        }
    }

    /// <summary>The bytes every render "produces".</summary>
    public sealed record ResultImage(byte[] Bytes);
}
