using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>One render: a content image, one or more style images (blended), and the settings.</summary>
public sealed record RenderRequest(string Content, IReadOnlyList<string> Styles, RenderSettings Settings);
