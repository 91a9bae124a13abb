using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Tests.Support;

namespace NeuralStyle.Farm.Gateway.Tests.Submission;

public sealed class SweepSubmitterTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private GatewayHarness _gateway = null!;
    private TestInputs _inputs = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHarness.StartAsync(_data.Path, runScheduler: false);
        _inputs = await TestInputs.UploadAsync(_gateway.Farm, _data.Path);
    }

    [Fact]
    public async Task A_sweep_naming_inputs_by_hash_is_planned_keyed_and_queued()
    {
        var accepted = await SubmitAsync(_inputs.Spec(axes: "\"alpha_beta\": [1e-4, 1e-3], \"seed\": [1, 2, 3]"));

        Assert.Equal((6, 0, 6), (accepted.Renders, accepted.Reused, accepted.Queued));
        var sweep = (await _gateway.Farm.GetSweepAsync(accepted.Id, CancellationToken.None))!;
        Assert.Equal(SweepStatus.Running, sweep.Status);
        Assert.Equal("test", sweep.Title);
        Assert.Equal(new SweepCounts(6, 0, 0, 0, 0), sweep.Counts);
        Assert.Equal(6, sweep.Renders.Select(r => r.Key).Distinct().Count());
        var cell = sweep.Renders[4];
        Assert.Equal((4, 0, 1, 1), (cell.Index, cell.Page, cell.Row, cell.Column));
        Assert.Equal(new Dictionary<string, string> { ["alpha_beta"] = "1e-3", ["seed"] = "2" }, cell.Coordinates);
        Assert.Equal(cell.Key, cell.Render!.Key());
        Assert.Equal((_inputs.Content, _inputs.Weights, 2), (cell.Render.Content, cell.Render.Weights, cell.TotalIterations));
        Assert.Equal(1e-3, cell.Render.Settings.AlphaBeta);
    }

    [Fact]
    public async Task A_path_in_a_spec_is_refused_as_an_invalid_sweep()
    {
        var error = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(_inputs.Spec(content: "/etc/passwd")));

        Assert.Equal((ErrorCode.InvalidSweep, 400), (error.Code, error.Status));
        Assert.Contains("sha256:", error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /api/blobs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_given_as_weights_or_init_in_an_axis_is_refused_too()
    {
        var weights = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(_inputs.Spec(settings: "\"init\": \"init.png\"")));
        var axis = await Assert.ThrowsAsync<FarmRequestException>(() =>
            SubmitAsync(_inputs.Spec(axes: "\"weights\": [\"~/vgg19.safetensors\"]", weights: false)));

        Assert.Equal(ErrorCode.InvalidSweep, weights.Code);
        Assert.Equal(ErrorCode.InvalidSweep, axis.Code);
    }

    [Fact]
    public async Task An_unknown_hash_is_an_unusable_input()
    {
        var unknown = new string('e', 64);

        var error = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(_inputs.Spec(content: "sha256:" + unknown)));

        Assert.Equal((ErrorCode.InputUnusable, 422), (error.Code, error.Status));
        Assert.Contains(unknown, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_hash_is_an_invalid_sweep()
    {
        var error = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(_inputs.Spec(content: "sha256:" + _inputs.Content.ToUpperInvariant())));

        Assert.Equal(ErrorCode.InvalidSweep, error.Code);
        Assert.Contains("lower case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weights_file_used_as_an_image_is_refused_without_naming_the_gateway_s_paths()
    {
        var error = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(_inputs.Spec(content: "sha256:" + _inputs.Weights)));

        Assert.Equal(ErrorCode.ImageUnreadable, error.Code);
        Assert.DoesNotContain(_data.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256:" + _inputs.Weights, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_weights_and_without_default_weights_the_spec_must_name_them()
    {
        var error = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(_inputs.Spec(weights: false)));

        Assert.Equal(ErrorCode.InvalidSweep, error.Code);
        Assert.Contains("name weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_weights_the_gateway_s_default_weights_are_registered_and_used()
    {
        using var other = new TemporaryDirectory();
        var weightsPath = other.File("default.safetensors");
        TestInputs.WriteWeights(weightsPath);
        await using var gateway = await GatewayHarness.StartAsync(other.Path, o => o with { DefaultWeightsPath = weightsPath }, runScheduler: false);
        var inputs = await TestInputs.UploadAsync(gateway.Farm, other.Path);

        var accepted = await gateway.Farm.SubmitSweepAsync(new SweepSubmission(inputs.Spec(weights: false)), CancellationToken.None);

        var sweep = (await gateway.Farm.GetSweepAsync(accepted.Id, CancellationToken.None))!;
        Assert.Equal(inputs.Weights, sweep.Renders[0].Render!.Weights);
    }

    [Fact]
    public async Task Points_with_the_same_key_share_one_render()
    {
        var accepted = await SubmitAsync(_inputs.Spec(axes: "\"seed\": [5, 5, 6]"));

        Assert.Equal((3, 2), (accepted.Renders, accepted.Queued));
        var sweep = (await _gateway.Farm.GetSweepAsync(accepted.Id, CancellationToken.None))!;
        Assert.Equal(sweep.Renders[0].Key, sweep.Renders[1].Key);
        Assert.NotEqual(sweep.Renders[0].Key, sweep.Renders[2].Key);
    }

    [Fact]
    public async Task A_sweep_whose_renders_already_succeeded_reuses_them_queues_nothing_and_completes()
    {
        var first = await SubmitAsync(_inputs.Spec(axes: "\"seed\": [1, 2]"));
        var keys = (await _gateway.Farm.GetSweepAsync(first.Id, CancellationToken.None))!.Renders.Select(r => r.Key).ToArray();
        _gateway.Heartbeat(slots: 1);
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        Assert.True(_gateway.Dispatch.TryTakeBatch(out var batch));
        await _gateway.CompleteAsync(batch!);
        await _gateway.WaitForEventAsync(first.Id, FarmEventTypes.SweepCompleted);

        var second = await SubmitAsync(_inputs.Spec(axes: "\"seed\": [2, 1, 3]"));

        Assert.Equal((3, 2, 1), (second.Renders, second.Reused, second.Queued));
        var sweep = (await _gateway.Farm.GetSweepAsync(second.Id, CancellationToken.None))!;
        Assert.Equal([true, true, false], sweep.Renders.Select(r => r.Reused));
        Assert.Equal([keys[1], keys[0]], sweep.Renders.Take(2).Select(r => r.Key));
        Assert.Equal(FarmRenderStatus.Succeeded, sweep.Renders[0].Status);

        var third = await SubmitAsync(_inputs.Spec(axes: "\"seed\": [1]"));
        Assert.Equal((1, 1, 0), (third.Renders, third.Reused, third.Queued));
        await _gateway.WaitForEventAsync(third.Id, FarmEventTypes.SweepCompleted);
        await _gateway.Scheduler.DispatchAsync(CancellationToken.None);
        Assert.True(_gateway.Dispatch.TryTakeBatch(out var onlyTheNewRender));
        Assert.Equal(sweep.Renders[2].Key, Assert.Single(onlyTheNewRender!.Renders).Key());
    }

    [Fact]
    public async Task A_sweep_over_the_render_limit_is_refused()
    {
        var error = await Assert.ThrowsAsync<FarmRequestException>(() =>
            _gateway.Farm.SubmitSweepAsync(new SweepSubmission(_inputs.Spec(axes: "\"seed\": [1, 2, 3]"), MaxRenders: 2), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidSweep, error.Code);
        Assert.Contains("over the limit of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_that_is_not_an_object_is_refused()
    {
        using var document = System.Text.Json.JsonDocument.Parse("[1, 2]");

        var error = await Assert.ThrowsAsync<FarmRequestException>(() => SubmitAsync(document.RootElement.Clone()));

        Assert.Equal(ErrorCode.InvalidSweep, error.Code);
    }

    [Fact]
    public async Task The_accepted_sweep_says_from_which_event_its_stream_starts()
    {
        var accepted = await SubmitAsync(_inputs.Spec());

        var submitted = await _gateway.WaitForEventAsync(accepted.Id, FarmEventTypes.SweepSubmitted);

        Assert.True(submitted.Id > accepted.EventsAfter);
        await using var stream = _gateway.Farm.EventsAsync(accepted.EventsAfter, null, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(submitted.Id, stream.Current.Id);
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    // After DisposeAsync: xunit disposes an async-lifetime class both ways, in that order.
    public void Dispose() => _data.Dispose();

    private Task<SweepAccepted> SubmitAsync(System.Text.Json.JsonElement spec) =>
        _gateway.Farm.SubmitSweepAsync(new SweepSubmission(spec), CancellationToken.None);
}
