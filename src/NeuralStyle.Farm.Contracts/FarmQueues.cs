namespace NeuralStyle.Farm.Contracts;

/// <summary>Names of the farm's broker endpoints, shared by the gateway and the workers.</summary>
public static class FarmQueues
{
    /// <summary>The queue workers compete on for <see cref="Messages.RenderBatch"/>.</summary>
    public const string RenderBatch = "render-batch";
}
