using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests.Farm;

public sealed class FarmCommandLineTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nsf-farm-cli-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    private static ParseResult Parse(string line) => NsfApplication.Build(TextWriter.Null, TextWriter.Null, CancellationToken.None).Parse(line);

    private static void Valid(ParseResult parse) => Assert.True(parse.Errors.Count == 0, string.Join("; ", parse.Errors.Select(e => e.Message)));

    private static string Invalid(string line)
    {
        var run = CliRun.Of(line);
        Assert.Equal(ExitCodes.InvalidUsage, run.ExitCode);
        return run.Error;
    }

    /// <summary>A loopback URL where nothing listens (the port was just free).</summary>
    private static string DeadGateway()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    [Fact]
    public void Help_lists_the_farm_commands()
    {
        var run = CliRun.Of("--help");
        foreach (var command in new[] { "serve", "gateway", "worker", "submit", "status", "cancel", "workers" })
        {
            Assert.Contains($"  {command}", run.Output);
        }
    }

    [Fact]
    public void Serve_takes_where_to_listen_its_data_workers_device_keys_and_weights()
    {
        var parse = Parse("serve --urls http://0.0.0.0:6000 --data /srv/farm --workers 2 --threads 3 --device cuda:1 --api-key a --api-key b --weights w.safetensors");
        Valid(parse);
        Assert.Equal("http://0.0.0.0:6000", parse.GetValue<string>("--urls"));
        Assert.Equal("/srv/farm", parse.GetValue<string>("--data"));
        Assert.Equal(2, parse.GetValue<int>("--workers"));
        Assert.Equal(3, parse.GetValue<int?>("--threads"));
        Assert.Equal("cuda:1", parse.GetValue<string>("--device"));
        Assert.Equal(["a", "b"], parse.GetValue<string[]>("--api-key")!);
        Assert.Equal("w.safetensors", parse.GetValue<string>("--weights"));
    }

    [Fact]
    public void Serve_defaults_to_loopback_port_5170_one_cpu_worker()
    {
        var parse = Parse("serve");
        Valid(parse);
        Assert.Equal("http://127.0.0.1:5170", parse.GetValue<string>("--urls"));
        Assert.Equal(1, parse.GetValue<int>("--workers"));
        Assert.Equal("cpu", parse.GetValue<string>("--device"));
        Assert.EndsWith(Path.Combine("nsf", "farm"), parse.GetValue<string>("--data"));
    }

    [Theory]
    [InlineData("serve --workers 0", "--workers")]
    [InlineData("serve --workers 65", "--workers")]
    [InlineData("serve --threads 0", "--threads")]
    [InlineData("serve --device gpu", "--device")]
    [InlineData("serve --device cuda:x", "--device")]
    [InlineData("gateway --workers 2", "--workers")]
    [InlineData("gateway --device cpu", "--device")]
    [InlineData("worker --device tpu", "--device")]
    [InlineData("submit s.yaml --out results", "--out needs --wait")]
    [InlineData("submit s.yaml --gateway ftp://farm", "--gateway")]
    [InlineData("status --gateway not-a-url", "--gateway")]
    [InlineData("status not-a-guid", "not-a-guid")]
    [InlineData("cancel abc", "neither a sweep id")]
    [InlineData("cancel AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "neither a sweep id")]
    [InlineData("cancel", "Required argument")]
    public void A_bad_farm_command_line_is_a_usage_error(string line, string mentioned) =>
        Assert.Contains(mentioned, Invalid(line));

    [Fact]
    public void Submit_takes_the_options_of_nsf_sweep_and_of_a_client()
    {
        var parse = Parse("submit sweep.yaml --content c.png --style s.png --axis alpha_beta=1e-5;1e-4 --preset gatys-fig3 --size 32 --iterations 3 " +
            "--original-colors --max-renders 50 --gateway http://farm:5170 --api-key k --wait --out results");
        Valid(parse);
        Assert.Equal("sweep.yaml", parse.GetValue<string>("spec"));
        Assert.Equal(["alpha_beta=1e-5;1e-4"], parse.GetValue<string[]>("--axis")!);
        Assert.Equal("32", parse.GetValue<string>("--size"));
        Assert.Equal(50, parse.GetValue<int>("--max-renders"));
        Assert.Equal("http://farm:5170", parse.GetValue<string>("--gateway"));
        Assert.Equal("k", parse.GetValue<string>("--api-key"));
        Assert.True(parse.GetValue<bool>("--wait"));
        Assert.Equal("results", parse.GetValue<string>("--out"));
    }

    [Fact]
    public void Status_cancel_and_workers_take_a_gateway()
    {
        Valid(Parse("status --gateway http://farm:5170"));
        Valid(Parse("status 6f9619ff-8b86-d011-b42d-00c04fc964ff --gateway http://farm:5170"));
        Valid(Parse("cancel 6f9619ff-8b86-d011-b42d-00c04fc964ff --api-key k"));
        Valid(Parse($"cancel {new string('0', 64)} --gateway https://farm.example"));
        Valid(Parse("workers --gateway http://farm:5170"));
        Valid(Parse("worker --gateway http://farm:5170 --device cuda:0"));
    }

    [Fact]
    public void A_separate_worker_says_it_needs_the_distributed_transport()
    {
        var run = CliRun.Of("worker --gateway http://farm:5170 --device cpu");
        Assert.Equal(ExitCodes.InvalidUsage, run.ExitCode);
        Assert.Contains("RabbitMQ", run.Error);
        Assert.Contains("nsf serve", run.Error);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("gateway")]
    public void A_farm_open_beyond_loopback_will_not_start_without_an_api_key(string verb)
    {
        var run = CliRun.Of($"{verb} --urls http://0.0.0.0:0 --data {_root}");
        Assert.Equal(ExitCodes.InvalidUsage, run.ExitCode);
        Assert.Contains("beyond loopback", run.Error);
        Assert.Contains("--api-key", run.Error);
    }

    [Fact]
    public void Serve_refuses_weights_that_are_not_there()
    {
        var run = CliRun.Of($"serve --data {_root} --weights {Path.Combine(_root, "missing.safetensors")}");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("missing.safetensors", run.Error);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("workers")]
    [InlineData("status 6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("cancel 6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    public void A_client_command_without_a_gateway_says_which_url_and_how_to_start_one(string line)
    {
        var gateway = DeadGateway();
        var run = CliRun.Of($"{line} --gateway {gateway}");
        Assert.Equal(ExitCodes.GatewayUnreachable, run.ExitCode);
        Assert.Contains($"{gateway}/", run.Error);
        Assert.Contains("nsf serve", run.Error);
    }

    [Fact]
    public void Submit_plans_and_hashes_locally_before_it_needs_the_gateway()
    {
        var content = Path.Combine(_root, "c.png");
        var style = Path.Combine(_root, "s.png");
        File.WriteAllText(content, "c");
        File.WriteAllText(style, "s");
        var spec = Path.Combine(_root, "bad.yaml");
        File.WriteAllText(spec, $"content: {content}\nstyle: {style}\ncolour: blue\n");
        var gateway = DeadGateway();

        var badSpec = CliRun.Of($"submit {spec} --gateway {gateway}");
        Assert.Equal(ExitCodes.InvalidUsage, badSpec.ExitCode);
        Assert.Contains("unknown key 'colour'", badSpec.Error);

        var badSetting = CliRun.Of($"submit --content {content} --style {style} --size -3 --gateway {gateway}");
        Assert.Equal(ExitCodes.InvalidUsage, badSetting.ExitCode);

        var missing = CliRun.Of($"submit --content {Path.Combine(_root, "missing.png")} --style {style} --gateway {gateway}");
        Assert.Equal(ExitCodes.InputError, missing.ExitCode);
        Assert.Contains("missing.png", missing.Error);

        var unreachable = CliRun.Of($"submit --content {content} --style {style} --weights {style} --gateway {gateway}");
        Assert.Equal(ExitCodes.GatewayUnreachable, unreachable.ExitCode);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
