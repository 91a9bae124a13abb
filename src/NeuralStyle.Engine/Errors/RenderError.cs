namespace NeuralStyle.Engine;

/// <summary>
/// Why a render failed, in a form that crosses process boundaries: a <c>RenderFailed</c> event, a
/// sweep.json record, a job's status. <see cref="Code"/> is an <see cref="ErrorCode"/>'s stable
/// name, so a reader built before a code was added still reads it (and treats it as not retryable
/// unless <see cref="Retryable"/> says otherwise).
/// </summary>
/// <param name="Code">The stable code name (<c>device_unavailable</c>).</param>
/// <param name="Message">What happened and what to do, as a user reads it.</param>
/// <param name="Retryable">Whether the same render may succeed on another device or later.</param>
public sealed record RenderError(string Code, string Message, bool Retryable)
{
    /// <summary>
    /// The error <paramref name="exception"/> stands for. An exception nsf did not anticipate is
    /// <c>unexpected</c> and not retryable: it is a bug, which a retry on every device of a farm would
    /// repeat at the cost of each (the failures a retry can cure come as <c>engine_failure</c> or a
    /// device code); its message names its type so the report can be traced.
    /// </summary>
    public static RenderError From(Exception exception)
    {
        var row = ErrorCatalog.Of(exception);
        var message = row.Code == ErrorCode.Unexpected
            ? $"unexpected {exception.GetType().Name}: {exception.Message}"
            : exception.Message;
        return new RenderError(row.Name, message, row.Retryable);
    }

    /// <summary>The error <paramref name="code"/> stands for, with <paramref name="message"/>.</summary>
    public static RenderError Of(ErrorCode code, string message)
    {
        var row = ErrorCatalog.Of(code);
        return new RenderError(row.Name, message, row.Retryable);
    }
}
