using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class BlobsApiTests
{
    private static readonly GatewayOptions SmallLimits = new() { DataDirectory = "unused", MaxImageBytes = 10_000, MaxWeightsBytes = 20_000 };

    [Fact]
    public async Task An_upload_is_streamed_to_the_farm_and_answered_201_with_its_sha256()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        using var response = await factory.CreateClient().PostAsync("/api/blobs?kind=weights", new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal($"/api/blobs/{sha}", response.Headers.Location?.OriginalString);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(sha, json.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, json.GetProperty("bytes").GetInt64());
        Assert.Equal("weights", json.GetProperty("kind").GetString());
        Assert.Equal(["PutBlob Weights"], farm.Calls);
    }

    [Fact]
    public async Task An_image_upload_whose_content_length_is_over_the_limit_is_413_before_the_farm_reads_it()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, SmallLimits);

        using var response = await factory.CreateClient().PostAsync("/api/blobs?kind=image", new ByteArrayContent(new byte[10_001]));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "image_too_large");
        Assert.Contains("10000 bytes", Problems.Detail(problem), StringComparison.Ordinal);
        Assert.Empty(farm.Calls);
    }

    [Fact]
    public async Task A_chunked_upload_over_the_limit_is_413_and_stops_being_read_at_the_limit()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, SmallLimits);

        using var response = await factory.CreateClient().SendAsync(UnsizedContent.Post("/api/blobs?kind=weights", new byte[200_000]));

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // Without a length to refuse up front, the farm was handed the body and its read was cut off.
        Assert.Equal(["PutBlob Weights"], farm.Calls);
        Assert.InRange(farm.BytesRead, 0, SmallLimits.MaxWeightsBytes + 8192);
    }

    [Fact]
    public async Task A_chunked_upload_within_the_limit_is_stored()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm, SmallLimits);
        var bytes = RandomNumberGenerator.GetBytes(10_000);

        using var response = await factory.CreateClient().SendAsync(UnsizedContent.Post("/api/blobs?kind=image", bytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<BlobInfo>(FarmJson.Options);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), info?.Sha256);
    }

    [Fact]
    public async Task The_farms_own_size_refusal_is_413()
    {
        var farm = new FakeFarm { PutBlobFailure = new Contracts.Storage.BlobTooLargeException(5) };
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().PostAsync("/api/blobs?kind=image", new ByteArrayContent(new byte[10]));

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "image_too_large");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("video")]
    [InlineData("Image")]
    public async Task An_upload_without_a_known_kind_is_400_and_not_read(string? kind)
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().PostAsync(kind is null ? "/api/blobs" : $"/api/blobs?kind={kind}", new ByteArrayContent([1, 2, 3]));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "bad_request");
        Assert.Contains("image or", Problems.Detail(problem), StringComparison.Ordinal);
        Assert.Empty(farm.Calls);
    }

    [Theory]
    [InlineData(ErrorCode.ImageUnreadable, HttpStatusCode.UnsupportedMediaType)]
    [InlineData(ErrorCode.ImageTooLarge, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(ErrorCode.InputUnusable, HttpStatusCode.UnprocessableEntity)]
    [InlineData(ErrorCode.WeightsInvalid, HttpStatusCode.UnprocessableEntity)]
    public async Task A_file_the_farm_refuses_is_the_problem_of_its_catalog_code(ErrorCode code, HttpStatusCode status)
    {
        var farm = new FakeFarm { PutBlobFailure = new FarmRequestException(code, "the file says why") };
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().PostAsync("/api/blobs?kind=image", new ByteArrayContent([1, 2, 3]));

        var problem = await Problems.AssertProblemAsync(response, status, ErrorCatalog.Of(code).Name);
        Assert.Equal("the file says why", Problems.Detail(problem));
        Assert.Equal(ErrorCatalog.Of(code).Title, problem.GetProperty("title").GetString());
        Assert.Equal("/api/blobs", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_held_blob_is_downloaded_with_its_hash_as_entity_tag()
    {
        var farm = new FakeFarm();
        var sha = new string('a', 64);
        farm.Blobs[sha] = [9, 8, 7];
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/blobs/{sha}"));
        using var get = await client.GetAsync($"/api/blobs/{sha}");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal([9, 8, 7], await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(new EntityTagHeaderValue($"\"{sha}\""), get.Headers.ETag);
    }

    [Fact]
    public async Task A_blob_not_held_is_404()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();
        var sha = new string('b', 64);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/blobs/{sha}"));
        using var get = await client.GetAsync($"/api/blobs/{sha}");

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        await Problems.AssertProblemAsync(get, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    public async Task A_malformed_blob_name_is_400_and_never_reaches_the_farm(string name)
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var get = await client.GetAsync($"/api/blobs/{name}");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/blobs/{name}"));

        await Problems.AssertProblemAsync(get, HttpStatusCode.BadRequest, "bad_request");
        Assert.Equal(HttpStatusCode.BadRequest, head.StatusCode);
        Assert.Empty(farm.Calls);
    }
}
