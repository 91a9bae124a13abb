namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>The <c>event:</c> names of the live stream.</summary>
public static class FarmEventTypes
{
    /// <summary>A sweep was accepted. Data: SweepCounts.</summary>
    public const string SweepSubmitted = "sweep_submitted";

    /// <summary>A render went back to (or into) the queue. Data: RenderView.</summary>
    public const string RenderQueued = "render_queued";

    /// <summary>A worker began a render. Data: RenderStarted.</summary>
    public const string RenderStarted = "render_started";

    /// <summary>A render reached an iteration (throttled). Data: RenderProgressed (preview_png base64 every K iterations).</summary>
    public const string RenderProgressed = "render_progressed";

    /// <summary>A render succeeded. Data: RenderView.</summary>
    public const string RenderCompleted = "render_completed";

    /// <summary>A render failed for good. Data: RenderView.</summary>
    public const string RenderFailed = "render_failed";

    /// <summary>A render was cancelled. Data: RenderView.</summary>
    public const string RenderCancelled = "render_cancelled";

    /// <summary>A grid page was written. Data: GridPageView.</summary>
    public const string GridWritten = "grid_written";

    /// <summary>Every render of a sweep is terminal and its grids are written. Data: SweepCounts.</summary>
    public const string SweepCompleted = "sweep_completed";

    /// <summary>A sweep was cancelled. Data: SweepCounts.</summary>
    public const string SweepCancelled = "sweep_cancelled";
}
