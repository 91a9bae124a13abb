using System.Text.Json;
using System.Text.RegularExpressions;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine.Images;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Tests.Farm;

/// <summary>
/// <c>nsf serve</c> as a real process, driven by <c>nsf submit</c> and by raw HTTP: a sweep end to
/// end, an event stream resumed with Last-Event-ID, a SIGKILL in the middle of a sweep, and a render
/// through the farm against the same render through <c>nsf render</c>.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class EmbeddedFarmTests(CliFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(240);

    /// <summary>A tiny sweep spec over the fixture's inputs and weights with <paramref name="axes"/> (a flow mapping).</summary>
    private string Spec(string axes, int iterations = 3, string? title = null)
    {
        var path = Path.Combine(fixture.NewDirectory(), "sweep.yaml");
        File.WriteAllText(path, $"content: {fixture.Content}\nstyle: {fixture.Style}\n" +
            $"settings: {{size: 32, iterations: {iterations}, weights: {fixture.Weights}, style_layers: [relu1_1, relu2_1], content_layers: [relu2_2]}}\n" +
            (axes.Length > 0 ? $"axes: {axes}\n" : "") + (title is null ? "" : $"title: {title}\n"));
        return path;
    }

    private static HttpClient Http(ServeProcess serve) => new() { BaseAddress = serve.Url, Timeout = TimeSpan.FromSeconds(60) };

    private static Guid SweepIdIn(string output) =>
        Guid.Parse(SubmittedLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no sweep id in: {output}"));

    private static async Task<SweepView> WaitForEnd(HttpClient http, Guid id, ServeProcess serve)
    {
        SweepView? view = null;
        await Wait.UntilAsync(async () =>
        {
            view = await RawEvents.GetAsync<SweepView>(http, $"api/sweeps/{id}");
            return view.Status != SweepStatus.Running;
        }, Limit, () => $"sweep {id} to end (now {view?.Counts}); stderr: {serve.Error}");
        return view!;
    }

    [Fact]
    public async Task A_sweep_submitted_with_wait_ends_with_what_nsf_sweep_writes()
    {
        using var serve = await ServeProcess.StartAsync(fixture.NewDirectory(), "--weights", fixture.Weights);
        var outDir = Path.Combine(fixture.NewDirectory(), "results");

        var run = await NsfProcess.RunAsync(["submit", Spec("{alpha_beta: [1e-5, 1e-3], style_weight: [10, 1000]}", title: "two by two"),
            "--gateway", serve.Url.AbsoluteUri, "--wait", "--out", outDir], Limit);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}; stdout: {run.Output}; stderr: {run.Error}; serve: {serve.Error}");
        Assert.Contains("submitted sweep", run.Output);
        Assert.Contains("render 4/4", run.Output);
        var renders = Directory.GetFiles(Path.Combine(outDir, "renders"), "*.png");
        Assert.Equal(4, renders.Length);
        Assert.All(renders, r => Assert.Matches("^[0-9a-f]{16}([0-9a-f]{48})?\\.png$", Path.GetFileName(r)));
        var grid = Assert.Single(Directory.GetFiles(outDir, "grid-*.png"));
        Assert.Equal([Path.GetFileName(grid), "renders", "sweep.json"], Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "sweep.json")));
        Assert.Contains("\"succeeded\"", manifest.RootElement.GetRawText());

        // The same sweep again: every render is reused, nothing is queued or uploaded, and it ends at once.
        var again = await NsfProcess.RunAsync(["submit", Spec("{alpha_beta: [1e-5, 1e-3], style_weight: [10, 1000]}"), "--gateway", serve.Url.AbsoluteUri, "--wait"], Limit);
        Assert.True(again.ExitCode == 0, $"exit {again.ExitCode}; {again.Output} {again.Error}");
        Assert.Contains("4 already rendered, 0 queued", again.Output);
        Assert.DoesNotContain("uploading", again.Output);
    }

    [Fact]
    public async Task An_event_stream_resumed_with_Last_Event_ID_misses_nothing_and_repeats_nothing()
    {
        using var serve = await ServeProcess.StartAsync(fixture.NewDirectory(), "--weights", fixture.Weights);
        using var http = Http(serve);
        var submitted = CliRun.Of($"submit {Spec("{alpha_beta: [1e-5, 1e-4, 1e-3]}", iterations: 5)} --gateway {serve.Url.AbsoluteUri}");
        Assert.True(submitted.ExitCode == 0, submitted.Error);
        var id = SweepIdIn(submitted.Output);

        // A client that reads two events and drops the connection.
        var first = await RawEvents.ReadAsync(http, id, null, events => events.Count == 2, Limit);
        // It comes back with the last id it saw and reads to the end of the sweep.
        var rest = await RawEvents.ReadAsync(http, id, first[^1].Id, _ => false, Limit);
        // Everything the gateway logged for the sweep, read in one go once it has ended.
        var all = await RawEvents.ReadAsync(http, id, 0, _ => false, Limit);

        var resumed = first.Concat(rest).Select(e => e.Id).ToArray();
        Assert.Equal(resumed.Distinct().Count(), resumed.Length);
        Assert.Equal(resumed.Order(), resumed);
        // The log keeps a render's progress events only while it runs (they are pruned when it ends),
        // so the replay after the end is what the two reads saw, less progress.
        Assert.Equal(all.Select(e => e.Id), first.Concat(rest).Where(e => all.Any(a => a.Id == e.Id)).Select(e => e.Id));
        Assert.All(first.Concat(rest).Where(e => all.All(a => a.Id != e.Id)), e => Assert.Equal(FarmEventTypes.RenderProgressed, e.Type));
        Assert.Equal(FarmEventTypes.SweepCompleted, rest[^1].Type);
        Assert.Equal(3, all.Count(e => e.Type == FarmEventTypes.RenderCompleted));
    }

    [Fact]
    public async Task A_serve_killed_mid_sweep_finishes_it_after_a_restart_without_rendering_anything_twice()
    {
        var data = fixture.NewDirectory();
        // Distinct iteration counts keep every render in its own batch, so they finish one by one.
        var spec = Spec("{iterations: [30, 31, 32, 33, 34, 35]}");
        Guid id;
        using (var serve = await ServeProcess.StartAsync(data, "--weights", fixture.Weights))
        {
            using var http = Http(serve);
            var submitted = CliRun.Of($"submit {spec} --gateway {serve.Url.AbsoluteUri}");
            Assert.True(submitted.ExitCode == 0, submitted.Error);
            id = SweepIdIn(submitted.Output);
            SweepView? view = null;
            await Wait.UntilAsync(async () =>
            {
                view = await RawEvents.GetAsync<SweepView>(http, $"api/sweeps/{id}");
                return view.Counts.Succeeded >= 1;
            }, Limit, () => $"a first render of sweep {id} to succeed; stderr: {serve.Error}");
            Assert.True(view!.Counts.Succeeded < 6, $"the sweep ended before it could be killed ({view.Counts})");
            await serve.KillAsync();
        }

        using (var again = await ServeProcess.StartAsync(data, "--weights", fixture.Weights))
        {
            using var http = Http(again);
            var view = await WaitForEnd(http, id, again);
            Assert.Equal(SweepStatus.Completed, view.Status);
            Assert.Equal(new SweepCounts(0, 0, 6, 0, 0), view.Counts);
            Assert.All(view.Renders, r => Assert.Equal(FarmRenderStatus.Succeeded, r.Status));
            var events = await RawEvents.ReadAsync(http, id, 0, _ => false, Limit);
            var completions = events.Where(e => e.Type == FarmEventTypes.RenderCompleted).GroupBy(e => e.Key).ToArray();
            Assert.Equal(6, completions.Length);
            Assert.All(completions, c => Assert.True(c.Count() == 1, $"render {c.Key} completed {c.Count()} times"));
            var grid = Assert.Single(view.Grids);
            Assert.NotNull(grid.Sha256);
            using var page = await http.GetAsync($"api/sweeps/{id}/grids/0");
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("image/png", page.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_waiting_submit_rides_out_a_gateway_killed_and_restarted_and_still_writes_the_results()
    {
        var data = fixture.NewDirectory();
        var url = ServeProcess.FreeLoopbackUrl();
        var outDir = Path.Combine(fixture.NewDirectory(), "results");
        var first = await ServeProcess.StartOnAsync(url, data, "--weights", fixture.Weights);
        try
        {
            var submit = NsfProcess.RunAsync(["submit", Spec("{iterations: [30, 31, 32, 33]}"), "--gateway", url, "--wait", "--out", outDir], Limit);
            using var http = Http(first);
            SweepSummary[] sweeps = [];
            await Wait.UntilAsync(async () =>
            {
                sweeps = await RawEvents.GetAsync<SweepSummary[]>(http, "api/sweeps");
                return sweeps.Length == 1 && sweeps[0].Counts.Succeeded >= 1;
            }, Limit, () => $"a first render to succeed; stderr: {first.Error}");
            await first.KillAsync();
            Assert.True(sweeps[0].Counts.Succeeded < 4, $"the sweep ended before the gateway could be killed ({sweeps[0].Counts})");
            Assert.False(submit.IsCompleted, "nsf submit ended before the gateway was killed");
            using var second = await ServeProcess.StartOnAsync(url, data, "--weights", fixture.Weights);

            var run = await submit;

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}; stdout: {run.Output}; stderr: {run.Error}; serve: {second.Error}");
            Assert.Contains("render 4/4", run.Output);
            Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "renders"), "*.png").Length);
            Assert.Single(Directory.GetFiles(outDir, "grid-*.png"));
        }
        finally
        {
            first.Dispose();
        }
    }

    [Fact]
    public async Task A_render_through_the_farm_equals_the_same_render_through_nsf_render_bit_for_bit()
    {
        var threads = JsonDocument.Parse(CliRun.Of("info").Output).RootElement.GetProperty("threads").GetInt32();
        using var serve = await ServeProcess.StartAsync(fixture.NewDirectory(), "--weights", fixture.Weights, "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var outDir = Path.Combine(fixture.NewDirectory(), "farm");
        var farm = await NsfProcess.RunAsync(["submit", Spec(""), "--gateway", serve.Url.AbsoluteUri, "--wait", "--out", outDir], Limit);
        Assert.True(farm.ExitCode == 0, $"exit {farm.ExitCode}; {farm.Output} {farm.Error}; serve: {serve.Error}");
        var local = Path.Combine(fixture.NewDirectory(), "local.png");
        var render = CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny} --out {local}");
        Assert.True(render.ExitCode == 0, render.Error);

        var farmImage = Assert.Single(Directory.GetFiles(Path.Combine(outDir, "renders"), "*.png"));
        var (width, height) = ImageFile.Probe(local);
        Assert.Equal((width, height), ImageFile.Probe(farmImage));
        Assert.Equal(ImageFile.Read(local, width, height).Pixels, ImageFile.Read(farmImage, width, height).Pixels);
    }

    [Fact]
    public async Task The_clients_show_sweeps_workers_and_cancel_and_serve_stops_cleanly_on_SIGTERM()
    {
        using var serve = await ServeProcess.StartAsync(fixture.NewDirectory(), "--weights", fixture.Weights);
        var gateway = $"--gateway {serve.Url.AbsoluteUri}";
        var waited = CliRun.Of($"submit {Spec("{seed: [1, 2]}", title: "listed")} {gateway} --wait");
        Assert.True(waited.ExitCode == 0, waited.Error + serve.Error);
        var id = SweepIdIn(waited.Output);

        var list = CliRun.Of($"status {gateway}");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(id.ToString(), list.Output);
        Assert.Contains("listed", list.Output);
        Assert.Contains("completed", list.Output);

        var one = CliRun.Of($"status {id} {gateway}");
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("seed=1", one.Output);
        Assert.Contains("seed=2", one.Output);
        Assert.Contains("succeeded", one.Output);

        var workers = CliRun.Of($"workers {gateway}");
        Assert.Equal(0, workers.ExitCode);
        Assert.Contains("cpu", workers.Output);

        var finished = CliRun.Of($"cancel {id} {gateway}");
        Assert.Equal(0, finished.ExitCode);
        Assert.Contains("already finished", finished.Output);
        var unknown = CliRun.Of($"cancel {Guid.NewGuid()} {gateway}");
        Assert.Equal(ExitCodes.InputError, unknown.ExitCode);

        await serve.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("stopped", serve.Output);
    }

    [Fact]
    public async Task The_gateway_alone_takes_a_sweep_without_loading_libtorch()
    {
        using var gateway = await ServeProcess.StartGatewayAsync(fixture.NewDirectory(), "--weights", fixture.Weights);
        var submitted = CliRun.Of($"submit {Spec("{seed: [1, 2]}")} --gateway {gateway.Url.AbsoluteUri}");
        Assert.True(submitted.ExitCode == 0, submitted.Error + gateway.Error);
        using var http = Http(gateway);
        var view = await RawEvents.GetAsync<SweepView>(http, $"api/sweeps/{SweepIdIn(submitted.Output)}");
        Assert.Equal(2, view.Counts.Queued);
        Assert.Contains("workers: none", gateway.Output);
        var libraries = gateway.MappedLibraries();
        // It did check the uploaded images, with the image-only library.
        Assert.Contains(libraries, l => l.EndsWith("libnsf_image.so", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.Contains("libtorch", StringComparison.Ordinal) || l.Contains("libc10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateways_refusals_reach_the_user_with_their_detail_and_exit_code()
    {
        using var gateway = await ServeProcess.StartGatewayAsync(fixture.NewDirectory(), "--weights", fixture.Weights, "--api-key", "secret");
        var url = gateway.Url.AbsoluteUri;

        var keyless = CliRun.Of($"submit {Spec("")} --gateway {url}");
        Assert.Equal(ExitCodes.InvalidUsage, keyless.ExitCode);
        Assert.Contains("--api-key", keyless.Error);
        var wrongKey = CliRun.Of($"submit {Spec("")} --gateway {url} --api-key guessed");
        Assert.Equal(ExitCodes.InvalidUsage, wrongKey.ExitCode);
        Assert.Contains("not allowed", wrongKey.Error);

        // Within this client's --max-renders but over the gateway's own limit (1000): the gateway's detail is shown.
        var seeds = string.Join(", ", Enumerable.Range(1, 1001));
        var tooBig = CliRun.Of($"submit {Spec($"{{seed: [{seeds}]}}")} --max-renders 2000 --gateway {url} --api-key secret");
        Assert.Equal(ExitCodes.InvalidUsage, tooBig.ExitCode);
        Assert.Contains("invalid sweep", tooBig.Error);
        Assert.Contains("1001", tooBig.Error);

        var accepted = CliRun.Of($"submit {Spec("")} --gateway {url} --api-key secret");
        Assert.True(accepted.ExitCode == 0, accepted.Error);
        var unknownRender = CliRun.Of($"cancel {new string('0', 64)} --gateway {url} --api-key secret");
        Assert.Equal(ExitCodes.InputError, unknownRender.ExitCode);
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_stops_watching_and_leaves_the_sweep_running()
    {
        // The gateway alone has no workers: the sweep stays queued, so only the interrupt ends the wait.
        using var gateway = await ServeProcess.StartGatewayAsync(fixture.NewDirectory(), "--weights", fixture.Weights);
        using var interrupt = new CancellationTokenSource();
        var output = new WatchedWriter();
        var run = Task.Run(() => CliRun.Of($"submit {Spec("{seed: [1, 2]}")} --gateway {gateway.Url.AbsoluteUri} --wait", interrupt.Token, output));
        await output.Seen("watching").WaitAsync(Limit);
        interrupt.Cancel();
        var result = await run.WaitAsync(Limit);

        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Contains("goes on at the gateway", result.Error);
        using var http = Http(gateway);
        var view = await RawEvents.GetAsync<SweepView>(http, $"api/sweeps/{SweepIdIn(output.ToString())}");
        Assert.Equal(SweepStatus.Running, view.Status);
    }

    [Fact]
    public async Task A_waited_sweep_cancelled_by_someone_else_ends_the_wait_as_a_partial_result()
    {
        using var gateway = await ServeProcess.StartGatewayAsync(fixture.NewDirectory(), "--weights", fixture.Weights);
        var output = new WatchedWriter();
        var run = Task.Run(() => CliRun.Of($"submit {Spec("{seed: [1, 2, 3]}")} --gateway {gateway.Url.AbsoluteUri} --wait", CancellationToken.None, output));
        await output.Seen("watching").WaitAsync(Limit);

        var cancel = CliRun.Of($"cancel {SweepIdIn(output.ToString())} --gateway {gateway.Url.AbsoluteUri}");
        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains("cancelling sweep", cancel.Output);
        var result = await run.WaitAsync(Limit);

        Assert.Equal(ExitCodes.PartialFailure, result.ExitCode);
        Assert.Contains("3 cancelled of 3", result.Output);
        Assert.Contains("cancelled", result.Error);
    }

    [GeneratedRegex(@"submitted sweep ([0-9a-f-]{36})")]
    private static partial Regex SubmittedLine();
}
