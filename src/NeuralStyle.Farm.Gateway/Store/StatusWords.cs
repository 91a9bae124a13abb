using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>The words the store keeps for statuses: the API's words (queued, running, …), so a row reads as the API shows it.</summary>
internal static class StatusWords
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public const string SweepRunning = "running";
    public const string SweepCompleted = "completed";
    public const string SweepCancelled = "cancelled";

    public static FarmRenderStatus Render(string word) => word switch
    {
        Queued => FarmRenderStatus.Queued,
        Running => FarmRenderStatus.Running,
        Succeeded => FarmRenderStatus.Succeeded,
        Failed => FarmRenderStatus.Failed,
        Cancelled => FarmRenderStatus.Cancelled,
        _ => throw new InvalidOperationException($"the store holds an unknown render status '{word}'"),
    };

    public static SweepStatus Sweep(string word) => word switch
    {
        SweepRunning => SweepStatus.Running,
        SweepCompleted => SweepStatus.Completed,
        SweepCancelled => SweepStatus.Cancelled,
        _ => throw new InvalidOperationException($"the store holds an unknown sweep status '{word}'"),
    };

    public static bool IsTerminal(string word) => word is Succeeded or Failed or Cancelled;
}
