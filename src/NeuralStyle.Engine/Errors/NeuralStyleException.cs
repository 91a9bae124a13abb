namespace NeuralStyle.Engine;

/// <summary>Base of every error the engine reports to a user: the message says what to do.</summary>
public abstract class NeuralStyleException(string message, Exception? inner = null) : Exception(message, inner);
