namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// One render as it travels between gateway, workers and clients: every input named by its
/// SHA-256, settings without host paths or host-dependent defaults, and optionally another
/// render's image to start from. Its <see cref="Key"/> is computed from this alone and equals the
/// engine's <c>RenderKey.Of</c> for the same render, so sweeps on disk and the farm share keys.
/// </summary>
public sealed record PortableRender
{
    /// <summary>What the job computes; only <see cref="JobKind.PixelOptimisation"/> today.</summary>
    public JobKind Kind { get; init; } = JobKind.PixelOptimisation;

    /// <summary>SHA-256 of the content image file.</summary>
    public string Content { get; init; } = "";

    /// <summary>SHA-256 of each style image file, in blend order (at least one).</summary>
    public IReadOnlyList<string> Styles { get; init; } = [];

    /// <summary>SHA-256 of the VGG-19 safetensors file.</summary>
    public string Weights { get; init; } = "";

    /// <summary>The settings.</summary>
    public PortableSettings Settings { get; init; } = new();

    /// <summary>Another render's image to start from instead of <c>init</c>; null to start from <c>init</c>.</summary>
    public RenderStart? StartFrom { get; init; }

    /// <summary>Every problem with this render, empty when it is valid. Ranges of settings are the engine's to check.</summary>
    public IReadOnlyList<ContractProblem> Problems() => PortableRenderValidator.Problems(this);

    /// <summary>Throws an <see cref="InvalidContractException"/> listing every problem, if any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidContractException(problems);
        }
    }

    /// <summary>
    /// The render's identity, 64 lower-case hex digits: the same as the engine's <c>RenderKey.Of</c>
    /// for the same settings and input hashes. Validates first (<see cref="InvalidContractException"/>).
    /// </summary>
    public string Key()
    {
        Validate();
        return PortableRenderKey.Of(this);
    }

    /// <summary>The SHA-256 of every input file (content, styles, init image, weights), each once: what a worker must fetch.</summary>
    public IReadOnlyList<string> InputSha256s() =>
        new[] { Content }.Concat(Styles).Concat(Settings.InitImageSha256 is { } init ? [init] : []).Append(Weights)
            .Distinct(StringComparer.Ordinal).ToArray();
}
