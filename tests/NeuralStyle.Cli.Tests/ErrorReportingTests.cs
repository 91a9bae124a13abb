using System.Text.Json;
using NeuralStyle.Cli.Tests.Support;
using NeuralStyle.Engine;

namespace NeuralStyle.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ErrorReportingTests(CliFixture fixture)
{
    /// <summary>Every exception type with the exit code and prefix nsf gave it before the error catalog.</summary>
    public static TheoryData<Exception, int, string> ExitCodesBeforeTheCatalog => new()
    {
        { new InvalidSettingException("style_weight", "is negative"), ExitCodes.InvalidUsage, "invalid setting" },
        { new SweepSpecException("axes: empty"), ExitCodes.InvalidUsage, "invalid sweep" },
        { new ImageUnreadableException("cannot decode"), ExitCodes.InputError, "input error" },
        { new ImageTooLargeException("too many pixels"), ExitCodes.InputError, "input error" },
        { new WeightsFileException("no conv1_1"), ExitCodes.InputError, "input error" },
        { new InputFileException("too thin"), ExitCodes.InputError, "input error" },
        { new DeviceUnavailableException("no cuda"), ExitCodes.DeviceUnavailable, "device unavailable" },
        { new InsufficientDeviceMemoryException("needs 9 GiB"), ExitCodes.DeviceUnavailable, "not enough memory" },
        { new OutputFileException("read-only"), ExitCodes.OutputError, "output error" },
        { new DownloadFailedException("stalled"), ExitCodes.DownloadFailed, "download failed" },
        { new EngineFailureException("libtorch error"), ExitCodes.EngineFailure, "engine error" },
        { EngineFailureException.Diverged("the render diverged"), ExitCodes.EngineFailure, "engine error" },
        { new OperationCanceledException("stop"), ExitCodes.Cancelled, "cancelled" },
        { new InvalidOperationException("a bug"), ExitCodes.EngineFailure, "unexpected error" },
    };

    [Theory]
    [MemberData(nameof(ExitCodesBeforeTheCatalog))]
    public void Every_error_keeps_its_exit_code_and_its_prefix(Exception exception, int exitCode, string prefix)
    {
        var stderr = new StringWriter();

        Assert.Equal(exitCode, ErrorReporting.Report(exception, stderr));
        Assert.StartsWith($"nsf: {prefix}: {exception.Message}", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_above_covers_every_error_code()
    {
        var covered = ExitCodesBeforeTheCatalog.Select(row => ErrorCatalog.CodeOf((Exception)row[0])).Distinct().Order();
        Assert.Equal(Enum.GetValues<ErrorCode>(), covered);
    }

    [Fact]
    public void Only_an_unexpected_error_prints_a_stack_trace()
    {
        var expected = new StringWriter();
        var unexpected = new StringWriter();
        ErrorReporting.Report(new OutputFileException("read-only"), expected);
        ErrorReporting.Report(Thrown(), unexpected);

        Assert.Single(expected.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(nameof(Thrown), unexpected.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_render_that_diverges_is_recorded_with_the_code_render_diverged()
    {
        var spec = Path.Combine(fixture.NewDirectory(), "sweep.yaml");
        File.WriteAllText(spec, $"content: {fixture.Content}\nstyle: {fixture.Style}\n" +
            $"settings: {{size: 32, iterations: 6, style_weight: 1e12, weights: {fixture.Weights}, style_layers: [relu1_1], content_layers: [relu2_2]}}\n" +
            "axes:\n  learning_rate: [1, 1000]\n");
        var outDir = Path.Combine(fixture.NewDirectory(), "out");

        var run = CliRun.Of($"sweep {spec} --out {outDir}");

        Assert.Equal(ExitCodes.PartialFailure, run.ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.json")));
        var renders = manifest.RootElement.GetProperty("renders");
        Assert.False(renders[0].TryGetProperty("error_code", out _), "the cpu render did not fail");
        Assert.Equal("failed", renders[1].GetProperty("status").GetString());
        Assert.Equal("render_diverged", renders[1].GetProperty("error_code").GetString());
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("a bug");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
