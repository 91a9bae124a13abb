namespace NeuralStyle.Farm.Contracts.Api;

/// <summary>Where a sweep stands.</summary>
public enum SweepStatus
{
    /// <summary>Some render is queued or running, or its grid pages are not written yet.</summary>
    Running,

    /// <summary>Every render is in a terminal state and the grid pages are written.</summary>
    Completed,

    /// <summary>Cancelled by a user; finished renders are kept and the grid pages show what there is.</summary>
    Cancelled,
}
