namespace NeuralStyle.Engine;

/// <summary>An input file other than an image or weights (a sweep spec) is missing or unreadable.</summary>
public sealed class InputFileException(string message) : NeuralStyleException(message);
