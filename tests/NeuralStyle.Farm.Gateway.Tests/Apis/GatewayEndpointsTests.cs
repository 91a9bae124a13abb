using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class GatewayEndpointsTests
{
    [Fact]
    public async Task The_openapi_document_lists_every_route_with_a_name_and_summary()
    {
        await using var factory = new GatewayApiFactory(new FakeFarm());
        var client = factory.CreateClient();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/openapi", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!.TrimEnd('/'), Method: m)))
            .ToArray();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.True(mapped.Length >= 18, $"expected every route mapped, found {mapped.Length}");
        foreach (var (path, method) in mapped)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is missing from the OpenAPI document");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()), $"{method} {path} has no name");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {path} declares no responses");
        }
        string[] expected =
        [
            "/api/blobs", "/api/blobs/{sha256}", "/api/sweeps", "/api/sweeps/{id}", "/api/sweeps/{id}/cancel", "/api/sweeps/{id}/grids/{page}",
            "/api/sweeps/{id}/archive", "/api/sweeps/{id}/events", "/api/events", "/api/renders/{key}", "/api/renders/{key}/image",
            "/api/renders/{key}/trace", "/api/renders/{key}/cancel", "/api/workers", "/health", "/alive",
        ];
        Assert.All(expected, p => Assert.True(paths.TryGetProperty(p, out _), $"{p} is missing from the OpenAPI document"));
    }

    [Fact]
    public async Task The_openapi_document_writes_bodies_in_snake_case()
    {
        await using var factory = new GatewayApiFactory(new FakeFarm());

        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"events_after\"", document, StringComparison.Ordinal);
        Assert.Contains("\"last_heartbeat\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"EventsAfter\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_swagger_ui_is_served_and_reads_the_openapi_document()
    {
        await using var factory = new GatewayApiFactory(new FakeFarm());
        var client = factory.CreateClient();

        using var page = await client.GetAsync("/swagger/index.html");
        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_are_problems_too()
    {
        await using var factory = new GatewayApiFactory(new FakeFarm());
        var client = factory.CreateClient();

        using var unknown = await client.GetAsync("/api/nothing-here");
        using var wrongMethod = await client.DeleteAsync("/api/workers");

        await Problems.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}
