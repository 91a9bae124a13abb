using Microsoft.AspNetCore.Http;
using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Apis;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

public sealed class FarmProblemsTests
{
    public static TheoryData<Exception, int, string> Refusals => new()
    {
        { new FarmRequestException(ErrorCode.WeightsInvalid, "no conv5_1 tensor"), 422, "weights_invalid" },
        { new FarmRequestException(ErrorCode.Cancelled, "already finished", 409), 409, "cancelled" },
        { new InvalidSettingException("iterations", "must be at least 1"), 400, "invalid_setting" },
        { new SweepSpecException("axes is empty"), 400, "invalid_sweep" },
        { new BlobTooLargeException(10), 413, "payload_too_large" },
        { new BlobNotFoundException(new string('a', 64)), 422, "input_unusable" },
        { new InvalidContractException([new ContractProblem("content", "is a path")]), 400, "invalid_sweep" },
        { new BadHttpRequestException("Request body too large.", 413), 413, "payload_too_large" },
        { new BadHttpRequestException("Malformed request.", 400), 400, "bad_request" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_request_keeps_its_code_status_and_message(Exception exception, int status, string code)
    {
        var problem = FarmProblems.ForException(exception, out var serverFault);

        Assert.False(serverFault);
        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Extensions[FarmProblems.ErrorCodeKey]);
        Assert.Equal(ErrorCatalog.ProblemTypeBase + code, problem.Type);
        Assert.Equal(exception.Message, problem.Detail);
    }

    [Fact]
    public void A_catalog_problem_has_the_catalogs_title_and_retryable_flag()
    {
        var problem = FarmProblems.Of(ErrorCode.DeviceOutOfMemory, "needs 9 GiB");

        Assert.Equal(ErrorCatalog.Of(ErrorCode.DeviceOutOfMemory).Title, problem.Title);
        Assert.Equal(503, problem.Status);
        Assert.Equal(true, problem.Extensions[FarmProblems.RetryableKey]);
    }

    public static TheoryData<Exception, string> Failures => new()
    {
        { new InvalidOperationException("cannot write /var/lib/nsf/secret"), "unexpected" },
        { new OutputFileException("cannot write /var/lib/nsf/secret"), "output_unwritable" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_of_the_gateway_is_5xx_and_hides_its_cause(Exception exception, string code)
    {
        var problem = FarmProblems.ForException(exception, out var serverFault);

        Assert.True(serverFault);
        Assert.Equal(500, problem.Status);
        Assert.Equal(code, problem.Extensions[FarmProblems.ErrorCodeKey]);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
    }
}
