using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Runs <c>nsf_render_run</c> for a batch of images that share targets and size. Progress comes
/// back through an unmanaged callback; a managed exception thrown by the observer is caught there
/// (it must not unwind through native frames), stops the run, and is rethrown here.
/// </summary>
internal static unsafe class PixelOptimisation
{
    public static OptimisationOutcome Run(Vgg19Model model, FeatureTargets content, FeatureTargets style,
        OptimisationOptions options, IReadOnlyList<OptimisationItem> items, Action<OptimisationStep>? onStep,
        CancellationToken cancellationToken)
    {
        var width = content.Width;
        var height = content.Height;
        var plane = 3 * width * height;
        var batch = items.Count;
        var image = new float[batch * plane];
        for (var b = 0; b < batch; b++)
        {
            if (items[b].Initial.Width != width || items[b].Initial.Height != height)
            {
                throw new ArgumentException($"initial image {b} is {items[b].Initial.Width}x{items[b].Initial.Height}, the content targets {width}x{height}");
            }
            items[b].Initial.Pixels.CopyTo(image, b * plane);
        }
        var lossScales = items.Select(i => i.LossScale).ToArray();
        var contentWeights = items.Select((i, b) => (float)(i.ContentWeight / lossScales[b])).ToArray();
        var styleWeights = items.Select((i, b) => (float)(i.StyleWeight / lossScales[b])).ToArray();
        var tvWeights = items.Select((i, b) => (float)(i.TvWeight / lossScales[b])).ToArray();
        var layerWeights = items.SelectMany(i => i.StyleLayerWeights.Select(w => (float)w)).ToArray();

        var relay = new ProgressRelay(onStep, cancellationToken, content.Layers, style.Layers, width, height, lossScales);
        var relayHandle = GCHandle.Alloc(relay);
        try
        {
            var error = new NativeError();
            int status;
            fixed (float* pixels = image)
            fixed (float* alpha = contentWeights)
            fixed (float* beta = styleWeights)
            fixed (float* tv = tvWeights)
            fixed (float* wl = layerWeights)
            {
                var native = new NativeRenderOptions
                {
                    Batch = batch,
                    Height = height,
                    Width = width,
                    Iterations = options.Iterations,
                    Optimizer = (int)options.Optimizer,
                    Pooling = (int)options.Pooling,
                    LearningRate = (float)options.LearningRate,
                    LbfgsHistory = OptimisationOptions.LbfgsHistory,
                    SnapshotEvery = options.SnapshotEvery,
                    ContentWeights = alpha,
                    StyleWeights = beta,
                    TvWeights = tv,
                    StyleLayerWeights = wl,
                };
                status = NativeMethods.RenderRun(model.Handle, content.Handle, style.Handle, &native, pixels,
                    &OnProgress, GCHandle.ToIntPtr(relayHandle), ref error);
            }
            if (relay.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            var cancelled = status == (int)NativeStatus.Cancelled;
            if (!cancelled)
            {
                NativeResult.ThrowIfFailed(status, error);
            }
            var results = Enumerable.Range(0, batch)
                .Select(b => new RgbImage(width, height, image.AsSpan(b * plane, plane).ToArray()))
                .ToArray();
            return new OptimisationOutcome(results, cancelled);
        }
        finally
        {
            relayHandle.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnProgress(nint userData, NativeProgress* progress)
    {
        var relay = (ProgressRelay)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            relay.Report(progress);
            return relay.CancellationToken.IsCancellationRequested ? 1 : 0;
        }
        catch (Exception e)
        {
            relay.Failure = e;
            return 1;
        }
    }
}
