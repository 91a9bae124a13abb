using System.Text;
using System.Text.Json;
using NeuralStyle.Engine;
using NeuralStyle.Engine.Farm;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Storage;
using NeuralStyle.Farm.Gateway.Store;

namespace NeuralStyle.Farm.Gateway.Submission;

/// <summary>
/// Turns a submission into a planned sweep, as <c>nsf sweep</c> plans one: the spec parsed with the
/// engine's parser (all its limits) with inputs resolved by hash, expanded by the engine's planner,
/// every input checked (images probed within the gateway's limits, weights from their header; the
/// image library only, never libtorch), and each point made a portable render with its key.
/// Every refusal is a <see cref="FarmRequestException"/> whose message names inputs as the spec did.
/// </summary>
internal sealed class SubmissionPlanner(GatewayOptions options, DirectoryBlobStore blobs, DefaultWeights defaultWeights)
{
    private const int MaxInputNames = 10_000;
    private const int MaxInputNameChars = 256;

    public async Task<NewSweep> PlanAsync(SweepSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var text = SpecText(submission.Spec);
        var names = InputNames(submission.InputNames);
        var maxRenders = MaxRenders(submission.MaxRenders);
        var resolver = new SpecInputResolver(blobs);
        try
        {
            var spec = SweepSpecParser.ParseResolvingInputs(text, resolver.Resolve);
            var overrides = new List<KeyValuePair<string, SettingValue>>();
            if (!spec.Settings.Any(s => s.Key == "weights") && !spec.Axes.Any(a => a.Name == "weights"))
            {
                var sha256 = await defaultWeights.Sha256Async(cancellationToken);
                var path = blobs.PathOf(sha256);
                resolver.Add(path, sha256);
                overrides.Add(KeyValuePair.Create("weights", SettingValue.Of(path)));
            }
            var plan = SweepPlanner.Expand(spec, overrides, maxRenders);
            CheckInputs(plan);
            var points = plan.Points.Select(point => PointOf(point, resolver)).ToArray();
            return new NewSweep(Guid.NewGuid(), spec.Title, text, names, points[0].Render.Weights, points);
        }
        catch (NeuralStyleException e)
        {
            throw new FarmRequestException(e.Code, resolver.Scrub(e.Message));
        }
    }

    private static string SpecText(JsonElement spec)
    {
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw new FarmRequestException(ErrorCode.InvalidSweep,
                $"spec must be a JSON object (keys content, style, settings, axes, title), got {spec.ValueKind.ToString().ToLowerInvariant()}");
        }
        var text = spec.GetRawText();
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes <= SweepSpecLimits.MaxSpecBytes
            ? text
            : throw new FarmRequestException(ErrorCode.InvalidSweep,
                $"spec is {bytes} bytes, over the limit of {SweepSpecLimits.MaxSpecBytes}");
    }

    private static Dictionary<string, string> InputNames(IReadOnlyDictionary<string, string>? names)
    {
        if (names is null)
        {
            return [];
        }
        if (names.Count > MaxInputNames)
        {
            throw new FarmRequestException(ErrorCode.InvalidSweep, $"input_names has {names.Count} entries, over the limit of {MaxInputNames}");
        }
        foreach (var (sha256, name) in names)
        {
            if (Sha256Hex.Check("input_names", sha256, "named input") is { } problem)
            {
                throw new FarmRequestException(ErrorCode.InvalidSweep, $"{problem.Field}: a key {problem.Message}");
            }
            if (name is null || name.Length > MaxInputNameChars || name.Any(char.IsControl))
            {
                throw new FarmRequestException(ErrorCode.InvalidSweep,
                    $"input_names.{sha256}: a display name must be text of at most {MaxInputNameChars} characters without control characters");
            }
        }
        return names.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
    }

    private int MaxRenders(int? asked) => asked switch
    {
        null => options.MaxRenders,
        < 1 => throw new FarmRequestException(ErrorCode.InvalidSweep, $"max_renders must be 1 or more, got {asked}"),
        _ => Math.Min(asked.Value, options.MaxRenders),
    };

    /// <summary>Every image probed within the gateway's pixel limit, every weights file checked for the layers its renders use.</summary>
    private void CheckInputs(SweepPlan plan)
    {
        var images = plan.Points.SelectMany(p => ImagesOf(p.Request.Content, p.Request.Styles, p.Request.Settings)).Distinct(StringComparer.Ordinal);
        foreach (var path in images)
        {
            var (width, height) = ImageFile.Probe(path);
            if ((long)width * height > options.MaxImagePixels)
            {
                throw new ImageTooLargeException(
                    $"image '{path}' is {width}x{height} pixels, over the gateway's limit of {options.MaxImagePixels} pixels");
            }
        }
        foreach (var sameWeights in plan.Points.GroupBy(p => p.Request.Settings.Weights, StringComparer.Ordinal))
        {
            var layers = sameWeights.SelectMany(p => p.Request.Settings.ContentLayers.Concat(p.Request.Settings.StyleLayers));
            Vgg19Weights.Check(sameWeights.Key, layers.Max(l => VggLayers.ConvolutionsNeededFor(VggLayers.IndexOf(l, "layers"))));
        }
    }

    private static NewPoint PointOf(SweepPoint point, SpecInputResolver resolver)
    {
        var request = point.Request;
        var init = InitImage(request.Settings);
        var render = PortableRenders.ToPortable(request.Settings, resolver.Sha256Of(request.Content),
            request.Styles.Select(resolver.Sha256Of).ToArray(), init is null ? null : resolver.Sha256Of(init),
            resolver.Sha256Of(request.Settings.Weights));
        var coordinates = point.Coordinates.ToDictionary(c => c.Key, c => resolver.NameOf(c.Value.ToString()), StringComparer.Ordinal);
        return new NewPoint(point.Index, point.Page, point.Row, point.Column, coordinates, render.Key(), render, BatchKeys.Of(render));
    }

    private static IEnumerable<string> ImagesOf(string content, IEnumerable<string> styles, RenderSettings settings) =>
        InitImage(settings) is { } init ? [content, .. styles, init] : [content, .. styles];

    private static string? InitImage(RenderSettings settings) => settings.Init is "content" or "noise" or "style" ? null : settings.Init;
}
