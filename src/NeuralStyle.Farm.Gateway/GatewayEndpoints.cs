using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Gateway.Apis;

namespace NeuralStyle.Farm.Gateway;

/// <summary>
/// The gateway's HTTP surface: the API under /api, live events, health, OpenAPI and its UI.
/// A host calls <see cref="AddGatewayEndpoints"/> with its services (beside <c>AddFarmGateway</c>,
/// which registers <see cref="IFarm"/> and <see cref="GatewayOptions"/>), then
/// <see cref="UseFarmGateway"/> first in its pipeline, then routing, then <see cref="MapFarmGateway"/>.
/// </summary>
public static class GatewayEndpoints
{
    /// <summary>The OpenAPI document's name: it is served at <c>/openapi/v1.json</c>.</summary>
    public const string OpenApiDocument = "v1";

    /// <summary>
    /// Adds what the endpoints need: JSON as the farm writes it, ProblemDetails for every error,
    /// OpenAPI, health checks (the farm's readiness through <see cref="IFarmReadiness"/>) and the
    /// event streams' settings (<see cref="EventStreamOptions"/>).
    /// </summary>
    public static IServiceCollection AddGatewayEndpoints(this IServiceCollection services)
    {
        services.AddRouting();
        services.ConfigureHttpJsonOptions(o => UseFarmJson(o));
        // Without this a body that does not bind is an empty 400 outside Development; with it, the
        // exception handler answers a ProblemDetails that says what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => FarmProblems.Complete(c.ProblemDetails, c.HttpContext));
        services.AddExceptionHandler<FarmExceptionHandler>();
        services.AddOptions<EventStreamOptions>();
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("serving"), [HealthApi.LiveTag])
            .AddCheck<FarmReadinessHealthCheck>(FarmReadinessHealthCheck.Name);
        services.AddOpenApi(OpenApiDocument);
        return services;
    }

    /// <summary>
    /// Adds the gateway's middleware: errors as ProblemDetails (thrown ones and bare status codes),
    /// the Swagger UI at <c>/swagger</c>, and the API-key check of mutating requests. Call first,
    /// before routing.
    /// </summary>
    public static IApplicationBuilder UseFarmGateway(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { AllowStatusCode404Response = true });
        app.UseStatusCodePages();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint($"/openapi/{OpenApiDocument}.json", "NeuralStyle Farm");
            o.DocumentTitle = "NeuralStyle Farm API";
        });
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }

    /// <summary>Maps every endpoint: the API, the event streams, <c>/health</c>, <c>/alive</c> and the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapFarmGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapBlobsApi();
        endpoints.MapSweepsApi();
        endpoints.MapRendersApi();
        endpoints.MapWorkersApi();
        endpoints.MapEventsApi();
        endpoints.MapHealthApi();
        endpoints.MapOpenApi();
        return endpoints;
    }

    /// <summary>Makes the framework's JSON the farm's (<see cref="FarmJson.Options"/>), for bodies read and written.</summary>
    private static void UseFarmJson(JsonOptions options)
    {
        var json = options.SerializerOptions;
        var farm = FarmJson.Options;
        json.PropertyNamingPolicy = farm.PropertyNamingPolicy;
        json.DictionaryKeyPolicy = farm.DictionaryKeyPolicy;
        json.DefaultIgnoreCondition = farm.DefaultIgnoreCondition;
        json.UnmappedMemberHandling = farm.UnmappedMemberHandling;
        json.NumberHandling = farm.NumberHandling;
        json.WriteIndented = farm.WriteIndented;
        foreach (var converter in farm.Converters)
        {
            json.Converters.Add(converter);
        }
    }
}
