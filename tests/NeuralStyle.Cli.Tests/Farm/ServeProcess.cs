using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests.Farm;

/// <summary>
/// <c>nsf serve</c> as a child process on a port of its choosing (<c>--urls http://127.0.0.1:0</c>;
/// the port is read from the line where it says it listens), ready once <c>/health</c> answers 200.
/// Disposing kills it (the whole tree) if it still runs.
/// </summary>
public sealed partial class ServeProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Prepend(NsfProcess.Dll))
        {
            start.ArgumentList.Add(argument);
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_error, e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("nsf serve exited before it listened"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where it listens, with a trailing slash.</summary>
    public Uri Url { get; private set; } = null!;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Error { get { lock (_error) { return _error.ToString(); } } }

    /// <summary>Starts <c>nsf serve --urls http://127.0.0.1:0 --data DATA</c> plus <paramref name="extra"/>, and waits until it is healthy.</summary>
    public static Task<ServeProcess> StartAsync(string data, params string[] extra) => StartAsync("serve", "http://127.0.0.1:0", data, extra);

    /// <summary>Starts <c>nsf serve</c> on a given URL (to come back on the same port after a kill).</summary>
    public static Task<ServeProcess> StartOnAsync(string url, string data, params string[] extra) => StartAsync("serve", url, data, extra);

    /// <summary>Starts <c>nsf gateway</c> (no workers) the same way.</summary>
    public static Task<ServeProcess> StartGatewayAsync(string data, params string[] extra) => StartAsync("gateway", "http://127.0.0.1:0", data, extra);

    /// <summary>A loopback URL on a port free now.</summary>
    public static string FreeLoopbackUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    private static async Task<ServeProcess> StartAsync(string verb, string url, string data, string[] extra)
    {
        var serve = new ServeProcess([verb, "--urls", url, "--data", data, .. extra]);
        try
        {
            using var bound = new CancellationTokenSource(StartLimit);
            serve.Url = await serve._listening.Task.WaitAsync(bound.Token);
            using var http = new HttpClient { BaseAddress = serve.Url, Timeout = TimeSpan.FromSeconds(10) };
            await Wait.UntilAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync("health");
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, StartLimit, () => $"nsf serve at {serve.Url} to answer /health with 200; stderr: {serve.Error}");
            return serve;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            var output = serve.Output;
            var error = serve.Error;
            serve.Dispose();
            throw new Xunit.Sdk.XunitException($"nsf serve should listen within {StartLimit.TotalSeconds} s ({e.Message}); stdout: {output}; stderr: {error}");
        }
    }

    /// <summary>The shared libraries mapped into the process now (from /proc/PID/maps).</summary>
    public IReadOnlyList<string> MappedLibraries() =>
        [.. File.ReadAllLines($"/proc/{_process.Id}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 6).Select(p => p[5]).Where(p => p.Contains(".so", StringComparison.Ordinal)).Distinct()];

    /// <summary>SIGKILL: no clean-up of any kind, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it; waits (bounded) for the exit.</summary>
    public async Task TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var bound = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"nsf serve should stop within {limit.TotalSeconds} s of SIGTERM; stderr: {Error}");
        }
    }

    private void OnLine(StringBuilder into, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (into)
        {
            into.AppendLine(line);
        }
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Listening();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
