using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>
/// What the test server does not show: Kestrel's own per-request body limit (30 MB unless raised),
/// its refusal of synchronous writes, and a client that drops its connection.
/// </summary>
public sealed class GatewayOnKestrelTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static GatewayApiFactory OnKestrel(FakeFarm farm, GatewayOptions? options = null)
    {
        var factory = new GatewayApiFactory(farm, options);
        factory.UseKestrel(0);
        return factory;
    }

    [Fact]
    public async Task A_weights_upload_beyond_kestrels_default_limit_is_accepted_up_to_the_gateways()
    {
        var farm = new FakeFarm { KeepBlobs = false };
        await using var factory = OnKestrel(farm);
        var bytes = RandomNumberGenerator.GetBytes(31 << 20);

        using var response = await factory.CreateClient().SendAsync(UnsizedContent.Post("/api/blobs?kind=weights", bytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), info.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, info.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task An_image_upload_over_the_limit_is_413_with_or_without_a_length()
    {
        var farm = new FakeFarm();
        await using var factory = OnKestrel(farm, new GatewayOptions { DataDirectory = "unused", MaxImageBytes = 50_000 });
        var client = factory.CreateClient();

        using var sized = await client.PostAsync("/api/blobs?kind=image", new ByteArrayContent(new byte[50_001]));
        using var chunked = await client.SendAsync(UnsizedContent.Post("/api/blobs?kind=image", new byte[500_000]));

        await Problems.AssertProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge, "image_too_large");
        await Problems.AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "image_too_large");
        Assert.InRange(farm.BytesRead, 0, 50_000);
    }

    [Fact]
    public async Task An_archive_written_synchronously_reaches_the_client()
    {
        var farm = new FakeFarm { ArchiveWritesSynchronously = true };
        var id = Guid.NewGuid();
        farm.Sweeps[id] = Views.Sweep(id, SweepStatus.Completed);
        await using var factory = OnKestrel(farm);

        using var response = await factory.CreateClient().GetAsync($"/api/sweeps/{id}/archive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(farm.Archive, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_client_that_drops_its_event_stream_ends_the_farms_enumeration()
    {
        var farm = new FakeFarm();
        farm.Append(Views.Event(1, Guid.NewGuid()), Views.Event(2, Guid.NewGuid()));
        await using var factory = OnKestrel(farm);

        using (var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/events"),
            HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal([1, 2], (await reader.TakeAsync(2)).Select(e => e.Id));
        }

        await farm.StreamCancelled.Task.WaitAsync(Bound);
    }
}
