using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>The readiness check behind <c>/health</c>: healthy when the registered <see cref="IFarmReadiness"/> says so.</summary>
internal sealed class FarmReadinessHealthCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>The check's name in a health report.</summary>
    public const string Name = "farm";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Resolved per probe rather than injected, so a host that registers no readiness still starts
        // and answers that it is not ready instead of failing at its first probe.
        var readiness = services.GetService<IFarmReadiness>();
        return Task.FromResult(readiness switch
        {
            null => HealthCheckResult.Unhealthy("the farm registers no readiness (IFarmReadiness)"),
            { IsReady: false } => HealthCheckResult.Unhealthy("the farm is not ready: its store or bus has not started"),
            _ => HealthCheckResult.Healthy("the farm is ready"),
        });
    }
}
