namespace NeuralStyle.Engine.Tests.Errors;

public sealed class RenderErrorTests
{
    [Fact]
    public void An_engine_exception_becomes_its_code_its_message_and_its_retryable_flag()
    {
        Assert.Equal(new RenderError("device_out_of_memory", "needs 9 GiB", Retryable: true),
            RenderError.From(new InsufficientDeviceMemoryException("needs 9 GiB")));
        Assert.Equal(new RenderError("image_unreadable", "cannot decode 'a.png'", Retryable: false),
            RenderError.From(new ImageUnreadableException("cannot decode 'a.png'")));
    }

    [Fact]
    public void A_diverged_render_is_not_retryable_while_an_engine_failure_is()
    {
        Assert.Equal(("render_diverged", false), Of(RenderError.From(EngineFailureException.Diverged("the render diverged"))));
        Assert.Equal(("engine_failure", true), Of(RenderError.From(new EngineFailureException("out of memory: CUDA"))));
    }

    [Fact]
    public void Cancellation_is_cancelled_and_not_retryable()
    {
        Assert.Equal(("cancelled", false), Of(RenderError.From(new OperationCanceledException())));
        Assert.Equal(("cancelled", false), Of(RenderError.From(new TaskCanceledException())));
    }

    [Fact]
    public void An_exception_nsf_did_not_anticipate_is_unexpected_not_retryable_and_names_its_type()
    {
        var error = RenderError.From(new InvalidOperationException("sequence contains no elements"));

        Assert.Equal(("unexpected", false), Of(error));
        Assert.Equal("unexpected InvalidOperationException: sequence contains no elements", error.Message);
    }

    private static (string Code, bool Retryable) Of(RenderError error) => (error.Code, error.Retryable);
}
