namespace NeuralStyle.Farm.Worker;

/// <summary>This process's worker services, told apart from every other's (endpoints of its own).</summary>
internal sealed class WorkerIdentity
{
    /// <summary>Unique per registration: 12 hex digits.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];
}
