using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// <c>RenderKey.Of</c> of the engine, from a portable render alone: SHA-256 of the resolved
/// settings' JSON (paths, device and save_every blanked), the content hash, the style hashes joined
/// by commas and the weights hash, joined by newlines. Sweeps on disk are keyed this way, so the
/// algorithm must not change.
/// </summary>
internal static class PortableRenderKey
{
    public static string Of(PortableRender render)
    {
        var text = string.Join('\n', JsonSerializer.Serialize(IdentityOf(render), FarmJson.Options), render.Content,
            string.Join(',', render.Styles), render.Weights);
        // Other kinds of job say so in their key; pixel optimisation keeps the key sweeps on disk use.
        if (render.Kind != JobKind.PixelOptimisation)
        {
            text = $"kind:{render.Kind}\n{text}";
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The settings resolved exactly as the engine's <c>RenderSettings.Resolve</c> does.</summary>
    private static RenderKeyIdentity IdentityOf(PortableRender render)
    {
        var s = render.Settings;
        return new RenderKeyIdentity
        {
            ContentWeight = s.ContentWeight ?? (s.AlphaBeta is { } ratio ? ratio * s.StyleWeight : 1.0),
            StyleWeight = s.StyleWeight,
            AlphaBeta = s.AlphaBeta,
            TvWeight = s.TvWeight,
            ContentLayers = s.ContentLayers,
            StyleLayers = s.StyleLayers,
            StyleLayerWeights = s.StyleLayerWeights ?? Enumerable.Repeat(1.0 / s.StyleLayers.Count, s.StyleLayers.Count).ToArray(),
            Size = s.Scales is [.., var last] ? last : s.Size,
            Iterations = s.Iterations,
            Optimizer = s.Optimizer,
            LearningRate = s.LearningRate ?? (s.Optimizer == PortableOptimizer.Adam ? 0.02 : 1.0),
            // A start image is another render's output: it counts by that render's key and iteration,
            // known before its bytes exist (a fan-out is planned before the coarse render finishes).
            Init = render.StartFrom is { } start ? $"render:{start.Key}@{start.Iteration}" : s.Init,
            Pooling = s.Pooling,
            Seed = s.Seed,
            StyleScale = s.StyleScale,
            StyleBlendWeights = s.StyleBlendWeights,
            OriginalColors = s.OriginalColors,
            Scales = s.Scales,
        };
    }
}
