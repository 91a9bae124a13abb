namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Command to the gateway: cancel every render of this sweep not yet finished; renders other sweeps share keep running.</summary>
/// <param name="SweepId">The sweep, as the gateway named it.</param>
public sealed record CancelSweep(Guid SweepId);
