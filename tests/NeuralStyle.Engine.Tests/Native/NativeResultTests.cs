using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Tests.Native;

public sealed class NativeResultTests
{
    [Fact]
    public void A_device_that_runs_out_of_memory_is_a_retryable_memory_error_not_an_engine_failure()
    {
        var error = new NativeError { Status = (int)NativeStatus.OutOfMemory };

        var e = Assert.Throws<InsufficientDeviceMemoryException>(() => NativeResult.ThrowIfFailed((int)NativeStatus.OutOfMemory, error));

        Assert.Equal(ErrorCode.DeviceOutOfMemory, e.Code);
        Assert.True(ErrorCatalog.Of(e).Retryable);
        Assert.Contains("ran out of memory", e.Message);
    }

    [Fact]
    public void Any_other_native_failure_stays_an_engine_failure() =>
        Assert.Equal(ErrorCode.EngineFailure, Assert.Throws<EngineFailureException>(
            () => NativeResult.ThrowIfFailed((int)NativeStatus.Internal, new NativeError())).Code);
}
