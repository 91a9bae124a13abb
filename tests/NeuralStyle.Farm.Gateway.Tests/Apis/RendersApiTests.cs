using System.Net;
using System.Text.Json;
using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class RendersApiTests
{
    private static readonly string ImageSha = new('1', 64);
    private static readonly string TraceSha = new('2', 64);

    private static FakeFarm FarmWithOneRender()
    {
        var farm = new FakeFarm();
        farm.Renders[Views.Key] = new RenderView(Views.Key, FarmRenderStatus.Succeeded)
        {
            Attempts = 1, Worker = "w1", Seconds = 2.5, ImageSha256 = ImageSha, TraceSha256 = TraceSha,
        };
        farm.Blobs[ImageSha] = [0x89, 0x50, 0x4e, 0x47];
        farm.Blobs[TraceSha] = "{\"iterations\":[]}"u8.ToArray();
        return farm;
    }

    [Fact]
    public async Task A_render_is_shown_with_its_image_and_trace()
    {
        var farm = FarmWithOneRender();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var view = await client.GetAsync($"/api/renders/{Views.Key}");
        using var image = await client.GetAsync($"/api/renders/{Views.Key}/image");
        using var trace = await client.GetAsync($"/api/renders/{Views.Key}/trace");

        var json = JsonDocument.Parse(await view.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.Equal(ImageSha, json.GetProperty("image_sha256").GetString());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(farm.Blobs[ImageSha], await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", trace.Content.Headers.ContentType?.MediaType);
        Assert.Equal(farm.Blobs[TraceSha], await trace.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_render_without_a_result_yet_has_no_image()
    {
        var farm = new FakeFarm();
        farm.Renders[Views.Key] = new RenderView(Views.Key, FarmRenderStatus.Queued);
        await using var factory = new GatewayApiFactory(farm);

        using var image = await factory.CreateClient().GetAsync($"/api/renders/{Views.Key}/image");

        var problem = await Problems.AssertProblemAsync(image, HttpStatusCode.NotFound, "not_found");
        Assert.Contains("queued", Problems.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_render_is_404()
    {
        var farm = new FakeFarm { OnCancel = _ => false };
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        foreach (var uri in new[] { $"/api/renders/{Views.Key}", $"/api/renders/{Views.Key}/image", $"/api/renders/{Views.Key}/trace" })
        {
            using var response = await client.GetAsync(uri);
            await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        }
        using var cancel = await client.PostAsync($"/api/renders/{Views.Key}/cancel", null);
        await Problems.AssertProblemAsync(cancel, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC")]
    [InlineData("render.png")]
    [InlineData("%2Fetc%2Fpasswd")]
    public async Task A_malformed_render_key_is_400_and_never_reaches_the_farm(string key)
    {
        var farm = FarmWithOneRender();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        foreach (var uri in new[] { $"/api/renders/{key}", $"/api/renders/{key}/image", $"/api/renders/{key}/trace" })
        {
            using var response = await client.GetAsync(uri);
            await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "bad_request");
        }
        using var cancel = await client.PostAsync($"/api/renders/{key}/cancel", null);
        await Problems.AssertProblemAsync(cancel, HttpStatusCode.BadRequest, "bad_request");
        Assert.Empty(farm.Calls);
    }

    [Fact]
    public async Task Cancelling_a_render_is_202_and_a_finished_one_409()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var accepted = await client.PostAsync($"/api/renders/{Views.Key}/cancel", null);
        farm.OnCancel = _ => throw new FarmRequestException(ErrorCode.Cancelled, "the render has already succeeded", 409);
        using var finished = await client.PostAsync($"/api/renders/{Views.Key}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Problems.AssertProblemAsync(finished, HttpStatusCode.Conflict, "cancelled");
    }

    [Fact]
    public async Task Workers_are_listed_in_snake_case()
    {
        var farm = new FakeFarm();
        farm.Workers.Add(new WorkerView("host/1/0", "cpu", "busy", DateTimeOffset.UnixEpoch) { Slots = 2, IterationsPerSecond = 1.5, Renders = [Views.Key] });
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().GetAsync("/api/workers");

        var worker = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal("host/1/0", worker.GetProperty("name").GetString());
        Assert.Equal(1.5, worker.GetProperty("iterations_per_second").GetDouble());
        Assert.Equal(Views.Key, worker.GetProperty("renders")[0].GetString());
        Assert.Equal(DateTimeOffset.UnixEpoch, worker.GetProperty("last_heartbeat").GetDateTimeOffset());
    }
}
