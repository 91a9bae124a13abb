namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Whether the farm can serve requests (its store is open, its bus started): what <c>/health</c>
/// reports. The gateway core registers its implementation as a singleton; without one, <c>/health</c>
/// says the gateway is not ready.
/// </summary>
public interface IFarmReadiness
{
    /// <summary>True once the farm serves requests; thread-safe and cheap (read on every probe).</summary>
    bool IsReady { get; }
}
