namespace NeuralStyle.Engine;

/// <summary>The native engine failed in a way no input explains (out of memory, a libtorch error, a missing library).</summary>
public sealed class EngineFailureException(string message, Exception? inner = null) : NeuralStyleException(message, inner);
