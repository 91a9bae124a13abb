using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Engine.Diagnostics;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Memory;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Renders style transfers on one device. Keeps VGG-19 loaded between renders (reloading only
/// when a render needs deeper layers, other weights or another device) and caches targets, at most
/// <c>targetCacheBytes</c> of them (least recently used evicted first), reporting to <c>instruments</c>
/// (default: <see cref="EngineInstruments.Shared"/>).
/// Not thread-safe: one engine per device and worker thread, used by one thread at a time; its
/// instruments may be shared by every engine of the process.
/// </summary>
public sealed class StyleTransfer(long? memoryLimit = null, long targetCacheBytes = TargetCache.DefaultMaxBytes,
    EngineInstruments? instruments = null) : IDisposable
{
    private readonly EngineInstruments _instruments = instruments ?? EngineInstruments.Shared;
    private Vgg19Model? _model;

    /// <summary>Most bytes one render or batch may need (its <see cref="MemoryEstimate.RenderBytes"/>); null: what the device has available.</summary>
    public long? MemoryLimit { get; } = memoryLimit;

    /// <summary>The most a render or batch of this engine has needed so far: the process holds (and reuses) that much already.</summary>
    public long HeldBytes { get; private set; }

    /// <summary>True when a render or batch of <paramref name="estimate"/> fits what <paramref name="device"/> has left.</summary>
    public bool Fits(MemoryEstimate estimate, string device) => RenderMemory.Fits(estimate, device, MemoryLimit, HeldBytes);

    /// <summary>Throws <see cref="InsufficientDeviceMemoryException"/> unless a batch of <paramref name="batch"/> renders like <paramref name="settings"/> fits.</summary>
    public void RequireFits(MemoryEstimate estimate, RenderSettings settings, int batch) =>
        RenderMemory.RequireFits(estimate, settings, batch, settings.Device, MemoryLimit, HeldBytes);

    /// <summary>Content and style targets computed so far, and reuses.</summary>
    public TargetCache Targets { get; } = new(targetCacheBytes, instruments);

    /// <summary>How many times VGG-19 was loaded onto a device.</summary>
    public int ModelLoads { get; private set; }

    /// <summary>Makes sure the model reaches every layer of <paramref name="settings"/>, loading it if needed.</summary>
    public Vgg19Model Prepare(IEnumerable<RenderSettings> settings)
    {
        var all = settings.ToArray();
        var first = all[0];
        if (all.Any(s => s.Weights != first.Weights || s.Device != first.Device))
        {
            throw new InvalidSettingException("weights", "one engine serves one weights file on one device");
        }
        var layers = all.SelectMany(s => s.ContentLayers.Concat(s.StyleLayers)).Distinct().ToArray();
        var needed = layers.Max(l => VggLayers.ConvolutionsNeededFor(VggLayers.IndexOf(l, "layers")));
        var sameModel = _model is { } model && model.WeightsPath == first.Weights && model.Device == first.Device;
        if (sameModel && _model!.ConvolutionCount >= needed)
        {
            return _model;
        }
        // Targets depend on the weights and device only, not on how deep the model was loaded:
        // a deeper reload of the same file keeps them.
        if (!sameModel)
        {
            Targets.Clear();
        }
        var convolutions = sameModel ? Math.Max(needed, _model!.ConvolutionCount) : needed;
        _model?.Dispose();
        _model = null;
        var loading = Stopwatch.StartNew();
        var weights = Vgg19Weights.Load(first.Weights, convolutions);
        _model = Vgg19Model.Load(weights, first.Device);
        ModelLoads++;
        _instruments.OnModelLoaded(loading.Elapsed.TotalSeconds);
        return _model;
    }

    /// <summary>SHA-256 of the weights loaded on the device; null before the first render.</summary>
    public string? LoadedWeightsSha256 => _model?.WeightsSha256;

    /// <summary>Convolutions of VGG-19 loaded (from conv1_1 on); 0 before the first render.</summary>
    public int LoadedConvolutions => _model?.ConvolutionCount ?? 0;

    /// <summary>Renders one request. Cancellation stops at the next iteration and returns the image so far.</summary>
    public RenderResult Render(RenderRequest request, Action<RenderProgress>? onProgress = null,
        CancellationToken cancellationToken = default) =>
        RenderBatch([request], onProgress is null ? null : (_, progress) => onProgress(progress), cancellationToken)[0];

    /// <summary>
    /// Optimises several requests together in one batch on the device. They must differ only in
    /// per-image settings (<see cref="BatchCompatibility"/>); each result equals its solo render up to
    /// floating-point summation order. Progress names the request by its index.
    /// </summary>
    public IReadOnlyList<RenderResult> RenderBatch(IReadOnlyList<RenderRequest> requests,
        Action<int, RenderProgress>? onProgress = null, CancellationToken cancellationToken = default) =>
        RenderBatch(requests, null, 0, onProgress, cancellationToken);

    /// <summary>
    /// <see cref="RenderBatch(IReadOnlyList{RenderRequest}, Action{int, RenderProgress}?, CancellationToken)"/>
    /// resumed at <paramref name="start"/> (null: from the beginning), with progress carrying
    /// <see cref="RenderProgress.CurrentImage"/> every <paramref name="imageEvery"/> iterations (0: only save_every's).
    /// </summary>
    internal IReadOnlyList<RenderResult> RenderBatch(IReadOnlyList<RenderRequest> requests, RenderStartPoint? start,
        int imageEvery, Action<int, RenderProgress>? onProgress, CancellationToken cancellationToken)
    {
        IReadOnlyList<RenderResult> results;
        try
        {
            results = Optimise(requests, start, imageEvery, onProgress, cancellationToken);
        }
        catch (Exception e)
        {
            // The exception's type, not its message: a tag takes few values.
            _instruments.OnRenderFailed(ErrorCatalog.Of(e).Name, requests.Count);
            throw;
        }
        var trace = results[0].Trace;
        _instruments.OnRenderCompleted(trace.Seconds, trace.Final.Iteration - (start?.Iteration ?? 0), requests.Count, trace.Cancelled);
        return results;
    }

    private IReadOnlyList<RenderResult> Optimise(IReadOnlyList<RenderRequest> requests, RenderStartPoint? start,
        int imageEvery, Action<int, RenderProgress>? onProgress, CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            RenderSettingsValidator.Validate(request.Settings);
        }
        BatchCompatibility.Require(requests);
        var shared = requests[0].Settings;
        var (firstScale, done) = start?.Locate(shared, requests.Count) ?? (0, 0);
        var inputs = RenderInputs.Open(requests[0]);
        // Refused before the model loads or any image is decoded at size.
        var memory = RenderMemory.Estimate(shared, inputs.ContentSize.Width, inputs.ContentSize.Height, requests.Count);
        RequireFits(memory, shared, requests.Count);
        HeldBytes = Math.Max(HeldBytes, memory.RenderBytes);
        var model = Prepare(requests.Select(r => r.Settings));
        var clock = Stopwatch.StartNew();
        var scales = shared.EffectiveScales;
        var totalIterations = scales.Count * shared.Iterations;
        var records = requests.Select(_ => new List<IterationLosses>()).ToArray();
        IReadOnlyList<RgbImage>? results = null;
        RgbImage? content = null;
        var cancelled = false;
        var secondsBefore = 0.0;
        // Once every image's loss is infinite or NaN nothing can recover: stop rather than run the
        // remaining iterations, and fail below. A batch with a healthy image goes on.
        using var diverged = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        for (var scaleIndex = firstScale; scaleIndex < scales.Count && !cancelled; scaleIndex++)
        {
            using var scale = new ScaleStep(this, model, inputs, shared, scales[scaleIndex]);
            content = scale.Content;
            var current = content;
            var skip = scaleIndex == firstScale ? done : 0;
            var initials = results is not null
                ? results.Select(r => ImageResampling.Bilinear(r, current.Width, current.Height)).ToArray()
                : start is not null
                    ? start.Images.Select(path => ImageFile.Read(path, current.Width, current.Height)).ToArray()
                    : requests.Select(r => inputs.InitialImage(current, r.Settings)).ToArray();
            var schedule = new ImageSchedule(shared.SaveEvery, imageEvery, skip, scaleIndex * shared.Iterations + skip,
                shared.Iterations - skip);
            var outcome = scale.Optimise(requests.Select(r => r.Settings).ToArray(), initials, schedule.Iterations,
                schedule.NativeEvery, step =>
            {
                for (var b = 0; b < requests.Count; b++)
                {
                    var losses = step.Losses[b] with
                    {
                        Iteration = step.Iteration + schedule.Offset,
                        Seconds = step.Losses[b].Seconds + secondsBefore,
                        Scale = scales.Count > 1 ? scale.Size : null,
                    };
                    records[b].Add(losses);
                    var image = step.Snapshots?[b];
                    onProgress?.Invoke(b, new RenderProgress(scaleIndex, scales.Count, losses.Iteration, totalIterations,
                        losses, schedule.SaveDue(step.Iteration) ? image : null)
                    {
                        CurrentImage = schedule.SaveDue(step.Iteration) || schedule.ImageDue(step.Iteration) ? image : null,
                    });
                }
                if (records.All(r => !double.IsFinite(r[^1].Total)))
                {
                    diverged.Cancel();
                }
            }, diverged.Token);
            results = outcome.Images;
            cancelled = outcome.Cancelled;
            secondsBefore = records[0][^1].Seconds;
        }
        ThrowIfDiverged(requests, records);
        var seconds = clock.Elapsed.TotalSeconds;
        return requests.Select((request, b) =>
        {
            var image = request.Settings.OriginalColors ? ColorTransfer.KeepContentColors(results![b], content!) : results![b];
            var trace = new RenderTrace(request.Settings.Resolve(), model.WeightsSha256, inputs.Content, inputs.Styles,
                model.Device, image.Width, image.Height, cancelled, seconds, records[b]);
            return new RenderResult(image, trace);
        }).ToArray();
    }

    private static void ThrowIfDiverged(IReadOnlyList<RenderRequest> requests, IReadOnlyList<List<IterationLosses>> records)
    {
        for (var b = 0; b < requests.Count; b++)
        {
            var last = records[b][^1];
            if (!double.IsFinite(last.Total))
            {
                var which = requests.Count == 1 ? "the render" : DescribeBatchItem(requests, b);
                throw EngineFailureException.Diverged(string.Create(CultureInfo.InvariantCulture,
                    $"{which} diverged: its loss is {last.Total} at iteration {last.Iteration}; lower learning_rate (or the loss weights) and try again"));
            }
        }
    }

    /// <summary>Batch items share everything but their per-image settings, so those name one.</summary>
    private static string DescribeBatchItem(IReadOnlyList<RenderRequest> requests, int b)
    {
        var s = requests[b].Settings;
        return string.Create(CultureInfo.InvariantCulture,
            $"render {b + 1} of {requests.Count} in the batch (content_weight {s.EffectiveContentWeight:G6}, style_weight {s.StyleWeight:G6}, tv_weight {s.TvWeight:G6}, seed {s.Seed})");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Targets.Dispose();
        _model?.Dispose();
    }
}
