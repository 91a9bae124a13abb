namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>Where a render stands; the same words in the API, the events and sweep.json.</summary>
public enum FarmRenderStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>A worker is optimising it.</summary>
    Running,

    /// <summary>Finished with a result image.</summary>
    Succeeded,

    /// <summary>Failed for good (a bad input, or every attempt failed).</summary>
    Failed,

    /// <summary>Cancelled before it finished.</summary>
    Cancelled,
}
