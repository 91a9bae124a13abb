using System.Net;
using System.Text;
using System.Text.Json;
using NeuralStyle.Engine;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class SweepsApiTests
{
    private const string Submission = """{"spec":{"title":"t","content":"sha256:aa","style":"sha256:bb","axes":{"style_weight":[1,2]}},"max_renders":8}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_submitted_sweep_is_201_with_its_location_and_the_farms_answer()
    {
        var id = Guid.NewGuid();
        var farm = new FakeFarm { OnSubmit = _ => new SweepAccepted(id, 6, 2, 4, 41) };
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().PostAsync("/api/sweeps", Json(Submission));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/sweeps/{id}", response.Headers.Location?.OriginalString);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, json.GetProperty("id").GetGuid());
        Assert.Equal(41, json.GetProperty("events_after").GetInt64());
        var received = Assert.Single(farm.Submissions);
        Assert.Equal(8, received.MaxRenders);
        Assert.Equal("sha256:aa", received.Spec.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{not json", "not a sweep submission")]
    [InlineData("""{"spec":{},"max_renderz":3}""", "max_renderz")]
    [InlineData("""{"spec":{},"max_renders":"many"}""", "max_renders")]
    [InlineData("""{"input_names":{}}""", "spec")]
    [InlineData("""{"spec":[1,2]}""", "spec")]
    [InlineData("[]", "not a sweep submission")]
    public async Task A_body_that_is_not_a_submission_is_400_invalid_sweep_and_never_reaches_the_farm(string body, string named)
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().PostAsync("/api/sweeps", Json(body));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_sweep");
        Assert.Contains(named, Problems.Detail(problem), StringComparison.Ordinal);
        Assert.Empty(farm.Calls);
    }

    [Fact]
    public async Task A_submission_over_the_spec_limit_is_413_whether_or_not_it_says_its_length()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();
        var huge = Encoding.UTF8.GetBytes($"{{\"spec\":{{\"title\":\"{new string('x', SweepSpecLimits.MaxSpecBytes)}\"}}}}");

        using var sized = await client.PostAsync("/api/sweeps", new ByteArrayContent(huge));
        using var chunked = await client.SendAsync(UnsizedContent.Post("/api/sweeps", huge));

        await Problems.AssertProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge, "invalid_sweep");
        await Problems.AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "invalid_sweep");
        Assert.Empty(farm.Calls);
    }

    [Fact]
    public async Task The_engines_spec_and_setting_errors_keep_their_catalog_codes()
    {
        var farm = new FakeFarm { OnSubmit = _ => throw new SweepSpecException("axes: style_weight is empty") };
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var spec = await client.PostAsync("/api/sweeps", Json(Submission));
        farm.OnSubmit = _ => throw new InvalidSettingException("style_weight", "must be positive");
        using var setting = await client.PostAsync("/api/sweeps", Json(Submission));
        farm.OnSubmit = _ => throw new FarmRequestException(ErrorCode.InputUnusable, "no file with SHA-256 aa is held");
        using var input = await client.PostAsync("/api/sweeps", Json(Submission));

        Assert.Equal("axes: style_weight is empty",
            Problems.Detail(await Problems.AssertProblemAsync(spec, HttpStatusCode.BadRequest, "invalid_sweep")));
        Assert.Contains("must be positive",
            Problems.Detail(await Problems.AssertProblemAsync(setting, HttpStatusCode.BadRequest, "invalid_setting")), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(input, HttpStatusCode.UnprocessableEntity, "input_unusable");
    }

    [Fact]
    public async Task An_unknown_input_hash_from_the_store_is_422_input_unusable()
    {
        var farm = new FakeFarm { OnSubmit = _ => throw new Contracts.Storage.BlobNotFoundException(new string('d', 64)) };
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().PostAsync("/api/sweeps", Json(Submission));

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "input_unusable");
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_and_tells_the_client_nothing_of_its_cause()
    {
        var farm = new FakeFarm { Failure = new InvalidOperationException("disk /var/lib/secret is full") };
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().GetAsync("/api/sweeps");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError, "unexpected");
        Assert.DoesNotContain("secret", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_is_shown_in_snake_case_with_its_status_words_and_infinite_losses()
    {
        var farm = new FakeFarm();
        var id = Guid.NewGuid();
        farm.Sweeps[id] = Views.Sweep(id);
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var one = await client.GetAsync($"/api/sweeps/{id}");
        using var all = await client.GetAsync("/api/sweeps");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var sweep = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("running", sweep.GetProperty("status").GetString());
        var render = sweep.GetProperty("renders")[0];
        Assert.Equal("running", render.GetProperty("status").GetString());
        Assert.Equal("NaN", render.GetProperty("losses").GetProperty("total").GetString());
        Assert.Equal("Infinity", render.GetProperty("losses").GetProperty("style").GetString());
        Assert.Equal(1, sweep.GetProperty("counts").GetProperty("queued").GetInt32());
        var list = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, list[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_unknown_sweep_is_404_wherever_it_is_asked_for()
    {
        var farm = new FakeFarm { OnCancel = _ => false };
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();
        var id = Guid.NewGuid();

        foreach (var uri in new[] { $"/api/sweeps/{id}", $"/api/sweeps/{id}/grids/0", $"/api/sweeps/{id}/archive", $"/api/sweeps/{id}/events" })
        {
            using var response = await client.GetAsync(uri);
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
            Assert.Contains(id.ToString(), Problems.Detail(problem), StringComparison.Ordinal);
        }
        using var cancel = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        await Problems.AssertProblemAsync(cancel, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("..%2F..%2Fdata")]
    [InlineData("7d6f8b0c7e0a4f0e9c1b2a3d4e5f6a7b")]
    public async Task A_malformed_sweep_id_is_400_and_never_reaches_the_farm(string id)
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        foreach (var uri in new[] { $"/api/sweeps/{id}", $"/api/sweeps/{id}/grids/0", $"/api/sweeps/{id}/archive", $"/api/sweeps/{id}/events" })
        {
            using var response = await client.GetAsync(uri);
            await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "bad_request");
        }
        using var cancel = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        await Problems.AssertProblemAsync(cancel, HttpStatusCode.BadRequest, "bad_request");
        Assert.Empty(farm.Calls);
    }

    [Fact]
    public async Task Cancelling_a_sweep_is_202_and_a_finished_one_409()
    {
        var farm = new FakeFarm();
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();
        var id = Guid.NewGuid();

        using var accepted = await client.PostAsync($"/api/sweeps/{id}/cancel", null);
        farm.OnCancel = _ => throw new FarmRequestException(ErrorCode.Cancelled, $"sweep {id} has already finished", 409);
        using var finished = await client.PostAsync($"/api/sweeps/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/sweeps/{id}", accepted.Headers.Location?.OriginalString);
        var problem = await Problems.AssertProblemAsync(finished, HttpStatusCode.Conflict, "cancelled");
        Assert.Contains("already finished", Problems.Detail(problem), StringComparison.Ordinal);
        Assert.Equal(2, farm.CallsTo("CancelSweep"));
    }

    [Fact]
    public async Task A_grid_page_is_served_once_written_and_404_before()
    {
        var farm = new FakeFarm();
        var id = Guid.NewGuid();
        var sha = new string('e', 64);
        farm.Blobs[sha] = [0x89, 0x50, 0x4e, 0x47];
        farm.Sweeps[id] = Views.Sweep(id, SweepStatus.Running, new GridPageView(0, "grid-0.png", sha), new GridPageView(1, "grid-1.png", null));
        await using var factory = new GatewayApiFactory(farm);
        var client = factory.CreateClient();

        using var written = await client.GetAsync($"/api/sweeps/{id}/grids/0");
        using var pending = await client.GetAsync($"/api/sweeps/{id}/grids/1");
        using var missing = await client.GetAsync($"/api/sweeps/{id}/grids/7");
        using var malformed = await client.GetAsync($"/api/sweeps/{id}/grids/-1");

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal("image/png", written.Content.Headers.ContentType?.MediaType);
        Assert.Equal(farm.Blobs[sha], await written.Content.ReadAsByteArrayAsync());
        Assert.Contains("not written yet", Problems.Detail(await Problems.AssertProblemAsync(pending, HttpStatusCode.NotFound, "not_found")),
            StringComparison.Ordinal);
        await Problems.AssertProblemAsync(missing, HttpStatusCode.NotFound, "not_found");
        await Problems.AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task The_archive_is_a_zip_attachment_named_after_the_sweep()
    {
        var farm = new FakeFarm();
        var id = Guid.NewGuid();
        farm.Sweeps[id] = Views.Sweep(id, SweepStatus.Completed);
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().GetAsync($"/api/sweeps/{id}/archive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"sweep-{id}.zip\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(farm.Archive, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_archive_of_a_running_sweep_is_409()
    {
        var id = Guid.NewGuid();
        var farm = new FakeFarm { Failure = new FarmRequestException(ErrorCode.InvalidSweep, $"sweep {id} is still running", 409) };
        await using var factory = new GatewayApiFactory(farm);

        using var response = await factory.CreateClient().GetAsync($"/api/sweeps/{id}/archive");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict, "invalid_sweep");
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Contains("still running", Problems.Detail(problem), StringComparison.Ordinal);
    }
}
