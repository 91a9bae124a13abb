namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>One cell of a sweep (or a render by key): where it stands and what it gave.</summary>
/// <param name="Key">The render's key (settings plus input hashes).</param>
/// <param name="Status">Where it stands.</param>
public sealed record RenderView(string Key, FarmRenderStatus Status)
{
    /// <summary>Position in the sweep; null for a render looked up by key.</summary>
    public int? Index { get; init; }

    /// <summary>Grid page.</summary>
    public int? Page { get; init; }

    /// <summary>Grid row.</summary>
    public int? Row { get; init; }

    /// <summary>Grid column.</summary>
    public int? Column { get; init; }

    /// <summary>The axis values of this cell, by setting name.</summary>
    public IReadOnlyDictionary<string, string>? Coordinates { get; init; }

    /// <summary>True when this cell reuses a render that had already succeeded before the sweep was submitted.</summary>
    public bool Reused { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The worker that rendered it (or renders it now).</summary>
    public string? Worker { get; init; }

    /// <summary>Iteration reached (live while running; final when finished).</summary>
    public int? Iteration { get; init; }

    /// <summary>Iterations in all.</summary>
    public int? TotalIterations { get; init; }

    /// <summary>Losses at <see cref="Iteration"/>.</summary>
    public Messages.RenderLosses? Losses { get; init; }

    /// <summary>Seconds the render took.</summary>
    public double? Seconds { get; init; }

    /// <summary>Renders optimised together with it.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Stable error code when failed (the engine's error catalog).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>What failed, for people.</summary>
    public string? Error { get; init; }

    /// <summary>SHA-256 of the result PNG (also at /api/renders/{key}/image).</summary>
    public string? ImageSha256 { get; init; }

    /// <summary>SHA-256 of the trace JSON (also at /api/renders/{key}/trace).</summary>
    public string? TraceSha256 { get; init; }

    /// <summary>The portable render (settings and input hashes).</summary>
    public PortableRender? Render { get; init; }
}
