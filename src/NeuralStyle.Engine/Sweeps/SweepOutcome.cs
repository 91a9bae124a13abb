namespace NeuralStyle.Engine.Sweeps;

/// <summary>How a sweep run ended: renders made now, found done from an earlier run, failed; and whether it was interrupted.</summary>
public sealed record SweepOutcome(SweepManifest Manifest, int Rendered, int Reused, int Failed, bool Cancelled)
{
    /// <summary>Grid pages that could not be written, each as "FILE: why"; the renders and other pages are kept.</summary>
    public IReadOnlyList<string> GridErrors { get; init; } = [];
}
