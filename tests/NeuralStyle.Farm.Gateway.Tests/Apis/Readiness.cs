using NeuralStyle.Farm.Gateway.Apis;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>A readiness a test sets.</summary>
internal sealed class Readiness : IFarmReadiness
{
    public bool IsReady { get; set; }
}
