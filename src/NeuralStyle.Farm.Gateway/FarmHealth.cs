using NeuralStyle.Farm.Gateway.Apis;

namespace NeuralStyle.Farm.Gateway;

/// <summary>
/// Readiness of the gateway core, behind <c>/health</c> as the registered <see cref="IFarmReadiness"/>:
/// the store is open at the current schema and the start-up recovery (running renders re-queued,
/// unfinished sweeps resumed) has run. The bus reports its own health. Thread-safe.
/// </summary>
public sealed class FarmHealth : IFarmReadiness
{
    private volatile bool _ready;

    /// <summary>True once the store is open at the current schema and recovery has run.</summary>
    public bool IsReady => _ready;

    internal void Ready() => _ready = true;
}
