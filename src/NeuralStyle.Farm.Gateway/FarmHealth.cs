using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NeuralStyle.Farm.Gateway;

/// <summary>
/// Readiness of the gateway core: the store is open at the current schema and the start-up
/// recovery (running renders re-queued, unfinished sweeps resumed) has run. Registered as the
/// health check <see cref="Name"/> (tag <c>ready</c>) for <c>/health</c>. Thread-safe.
/// </summary>
public sealed class FarmHealth : IHealthCheck
{
    /// <summary>The health check's registration name.</summary>
    public const string Name = "farm";

    private volatile string? _notReady = "the gateway has not started yet";

    /// <summary>True once the store is open at the current schema and recovery has run.</summary>
    public bool IsReady => _notReady is null;

    /// <summary>Why it is not ready; null when ready.</summary>
    public string? Reason => _notReady;

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_notReady is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy("store open, schema current"));

    internal void Ready() => _notReady = null;

    internal void NotReady(string reason) => _notReady = reason;
}
