using System.Text.RegularExpressions;

namespace NeuralStyle.Engine.Tests.Errors;

public sealed partial class ErrorCatalogTests
{
    /// <summary>One instance of every user-facing exception type, with the code it must carry.</summary>
    public static TheoryData<NeuralStyleException, ErrorCode> EveryException => new()
    {
        { new InvalidSettingException("style_weight", "is negative"), ErrorCode.InvalidSetting },
        { new SweepSpecException("axes: empty"), ErrorCode.InvalidSweep },
        { new ImageUnreadableException("cannot decode"), ErrorCode.ImageUnreadable },
        { new ImageTooLargeException("too many pixels"), ErrorCode.ImageTooLarge },
        { new InputFileException("too thin"), ErrorCode.InputUnusable },
        { new WeightsFileException("no conv1_1"), ErrorCode.WeightsInvalid },
        { new DeviceUnavailableException("no cuda"), ErrorCode.DeviceUnavailable },
        { new InsufficientDeviceMemoryException("needs 9 GiB"), ErrorCode.DeviceOutOfMemory },
        { new OutputFileException("read-only"), ErrorCode.OutputUnwritable },
        { new DownloadFailedException("stalled"), ErrorCode.DownloadFailed },
        { new EngineFailureException("libtorch error"), ErrorCode.EngineFailure },
        { EngineFailureException.Diverged("the render diverged"), ErrorCode.RenderDiverged },
    };

    [Theory]
    [MemberData(nameof(EveryException))]
    public void Every_exception_type_carries_its_own_code(NeuralStyleException exception, ErrorCode expected)
    {
        Assert.Equal(expected, exception.Code);
        Assert.Equal(expected, ErrorCatalog.Of(exception).Code);
    }

    [Fact]
    public void Every_concrete_exception_type_of_the_engine_is_in_the_table_above()
    {
        var types = typeof(NeuralStyleException).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(NeuralStyleException)) && !t.IsAbstract)
            .Select(t => t.Name).Order(StringComparer.Ordinal);
        var covered = EveryException.Select(row => row[0].GetType().Name).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(types, covered);
    }

    [Fact]
    public void Every_code_has_one_row_with_a_name_a_title_an_exit_code_a_status_and_a_prefix()
    {
        Assert.Equal(Enum.GetValues<ErrorCode>(), ErrorCatalog.All.Select(r => r.Code));
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            var row = ErrorCatalog.Of(code);
            Assert.Equal(code, row.Code);
            Assert.Matches(SnakeCase(), row.Name);
            Assert.False(string.IsNullOrWhiteSpace(row.Title), $"{code} has no title");
            Assert.False(string.IsNullOrWhiteSpace(row.CliPrefix), $"{code} has no CLI prefix");
            Assert.True(row.ExitCode is > 0 and < 256, $"{code}: exit code {row.ExitCode}");
            Assert.InRange(row.HttpStatus, 400, 599);
        }
    }

    [Fact]
    public void The_code_names_are_the_published_ones_and_name_their_member()
    {
        // These names are a wire format (events, sweep.json, problem types): changing one breaks readers.
        Assert.Equal(
            ["invalid_setting", "invalid_sweep", "image_unreadable", "image_too_large", "input_unusable", "weights_invalid",
             "device_unavailable", "device_out_of_memory", "output_unwritable", "download_failed", "render_diverged",
             "engine_failure", "cancelled", "unexpected"],
            ErrorCatalog.All.Select(r => r.Name));
        Assert.All(ErrorCatalog.All, r => Assert.Equal(r.Name.Replace("_", "", StringComparison.Ordinal), r.Code.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void Only_failures_of_a_device_or_of_the_engine_are_retryable()
    {
        Assert.Equal([ErrorCode.DeviceUnavailable, ErrorCode.DeviceOutOfMemory, ErrorCode.EngineFailure],
            ErrorCatalog.All.Where(r => r.Retryable).Select(r => r.Code));
    }

    [Fact]
    public void A_retryable_code_is_a_server_status_and_a_client_status_is_never_retried()
    {
        // A 4xx says the request is at fault: resubmitting it elsewhere cannot help.
        Assert.All(ErrorCatalog.All.Where(r => r.HttpStatus < 500), r => Assert.False(r.Retryable, r.Name));
        Assert.All(ErrorCatalog.All.Where(r => r.Retryable), r => Assert.InRange(r.HttpStatus, 500, 599));
    }

    [Theory]
    [InlineData(ErrorCode.InvalidSetting, 400)]
    [InlineData(ErrorCode.ImageTooLarge, 413)]
    [InlineData(ErrorCode.ImageUnreadable, 415)]
    [InlineData(ErrorCode.RenderDiverged, 422)]
    [InlineData(ErrorCode.DeviceOutOfMemory, 503)]
    [InlineData(ErrorCode.EngineFailure, 500)]
    public void A_problem_has_the_status_an_absolute_type_named_after_the_code_and_the_title(ErrorCode code, int status)
    {
        var problem = ErrorCatalog.Problem(code);
        var row = ErrorCatalog.Of(code);

        Assert.Equal(status, problem.Status);
        Assert.True(problem.Type.IsAbsoluteUri);
        Assert.Equal($"https://neuralstyle.farm/errors/{row.Name}", problem.Type.AbsoluteUri);
        Assert.Equal((row.Title, row.Name, row.Retryable), (problem.Title, problem.Code, problem.Retryable));
    }

    [Fact]
    public void Every_code_name_parses_back_and_an_unknown_name_does_not()
    {
        Assert.All(ErrorCatalog.All, r => Assert.True(ErrorCatalog.TryParse(r.Name, out var code) && code == r.Code, r.Name));
        Assert.False(ErrorCatalog.TryParse("Device_Unavailable", out _));
        Assert.False(ErrorCatalog.TryParse("gpu_on_fire", out _));
        Assert.False(ErrorCatalog.TryParse(null, out _));
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
