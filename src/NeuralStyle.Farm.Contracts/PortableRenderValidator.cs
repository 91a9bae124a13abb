namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// The contract of a portable render: inputs present and named by well-formed hashes, no value a
/// host could read as a path, and the fields that refer to each other consistent. Ranges (sizes,
/// weights, layers) are the engine's validator's, run when a worker converts the render.
/// </summary>
internal static class PortableRenderValidator
{
    private static readonly string[] InitKeywords = ["content", "noise", "style"];

    public static IReadOnlyList<ContractProblem> Problems(PortableRender render)
    {
        var problems = new List<ContractProblem>();
        void Add(ContractProblem? problem)
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (!Enum.IsDefined(render.Kind))
        {
            Add(new("kind", $"{(int)render.Kind} is not a job kind this version knows ({string.Join(", ", Enum.GetNames<JobKind>())})"));
        }
        Add(Sha256Hex.Check("content", render.Content, "content image"));
        if (render.Styles is null or { Count: 0 })
        {
            Add(new("styles", "is missing: give the SHA-256 of at least one style image"));
        }
        else
        {
            for (var i = 0; i < render.Styles.Count; i++)
            {
                Add(Sha256Hex.Check($"styles[{i}]", render.Styles[i], "style image"));
            }
        }
        Add(Sha256Hex.Check("weights", render.Weights, "VGG-19 weights file"));
        if (render.Settings is not { } settings)
        {
            Add(new("settings", "is missing"));
        }
        else
        {
            problems.AddRange(SettingsProblems(settings, render.Styles?.Count ?? 0));
            if (render.StartFrom is { } start)
            {
                problems.AddRange(StartProblems(start, settings));
            }
        }
        return problems;
    }

    private static IEnumerable<ContractProblem> SettingsProblems(PortableSettings settings, int styles)
    {
        if (settings.Init is not { } init || !InitKeywords.Contains(init))
        {
            if (settings.Init is { } named && named.StartsWith(PortableSettings.InitImagePrefix, StringComparison.Ordinal))
            {
                if (Sha256Hex.Check("settings.init", settings.InitImageSha256, "init image") is { } problem)
                {
                    yield return problem;
                }
            }
            else
            {
                var what = settings.Init is null or "" ? "is missing"
                    : Sha256Hex.LooksLikePath(settings.Init) ? $"'{Sha256Hex.Quote(settings.Init)}' is a path; the farm never reads a host path"
                    : $"'{Sha256Hex.Quote(settings.Init)}' is not an init";
                yield return new("settings.init",
                    $"{what}: use content, noise, style, or {PortableSettings.InitImagePrefix} and the SHA-256 of an uploaded image");
            }
        }
        if (settings.StyleBlendWeights is { } blend && styles > 0 && blend.Count != styles)
        {
            yield return new("settings.style_blend_weights", $"{blend.Count} weights for {styles} style images");
        }
        foreach (var (name, layers) in new[] { ("content_layers", settings.ContentLayers), ("style_layers", settings.StyleLayers) })
        {
            if (layers is null || layers.Count == 0)
            {
                yield return new($"settings.{name}", "needs at least one layer");
            }
            else if (layers.Any(string.IsNullOrWhiteSpace))
            {
                yield return new($"settings.{name}", "has an empty layer name");
            }
        }
        if (settings.Scales is { Count: 0 })
        {
            yield return new("settings.scales", "needs at least one size when given");
        }
        foreach (var (name, value) in Numbers(settings))
        {
            if (!double.IsFinite(value))
            {
                yield return new($"settings.{name}", $"{value} must be a finite number");
            }
        }
    }

    private static IEnumerable<ContractProblem> StartProblems(RenderStart start, PortableSettings settings)
    {
        if (!Sha256Hex.IsWellFormed(start.Key))
        {
            yield return new("start_from.key", Sha256Hex.Check("start_from.key", start.Key, "render to start from")!.Message);
        }
        if (start.Iteration < 0)
        {
            yield return new("start_from.iteration", $"{start.Iteration} must be 0 (the other render's initial image) or more");
        }
        if (settings.Init != "content")
        {
            // start_from replaces init; both set would leave it unclear which image is first.
            yield return new("start_from", $"set either start_from or settings.init ('{Sha256Hex.Quote(settings.Init ?? "")}'), not both");
        }
    }

    private static IEnumerable<(string Name, double Value)> Numbers(PortableSettings s)
    {
        yield return ("style_weight", s.StyleWeight);
        yield return ("tv_weight", s.TvWeight);
        yield return ("style_scale", s.StyleScale);
        if (s.ContentWeight is { } contentWeight)
        {
            yield return ("content_weight", contentWeight);
        }
        if (s.AlphaBeta is { } alphaBeta)
        {
            yield return ("alpha_beta", alphaBeta);
        }
        if (s.LearningRate is { } learningRate)
        {
            yield return ("learning_rate", learningRate);
        }
        foreach (var weight in s.StyleLayerWeights ?? [])
        {
            yield return ("style_layer_weights", weight);
        }
        foreach (var weight in s.StyleBlendWeights ?? [])
        {
            yield return ("style_blend_weights", weight);
        }
    }
}
