namespace NeuralStyle.Engine;

/// <summary>Base of every error the engine reports to a user: the message says what to do.</summary>
public abstract class NeuralStyleException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The stable code of this error; <see cref="ErrorCatalog"/> says how it is reported and whether a retry can help.</summary>
    public abstract ErrorCode Code { get; }
}
