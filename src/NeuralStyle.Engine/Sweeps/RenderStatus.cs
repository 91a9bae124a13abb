namespace NeuralStyle.Engine.Sweeps;

/// <summary>Where a sweep's render stands.</summary>
public enum RenderStatus
{
    /// <summary>Not rendered yet.</summary>
    Pending,

    /// <summary>Rendered; its image is in renders/.</summary>
    Done,

    /// <summary>Failed; the record says why. Running the sweep again retries it.</summary>
    Failed,

    /// <summary>Interrupted; running the sweep again renders it.</summary>
    Cancelled,
}
