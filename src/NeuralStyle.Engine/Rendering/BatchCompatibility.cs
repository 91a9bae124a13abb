using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Which renders can share one optimisation: the same inputs, size, layers, optimiser and
/// schedule (save_every included: snapshots are taken for the whole batch). Only the loss
/// weights, the seed (a per-image noise start) and original_colors (a per-image post-process)
/// may differ.
/// </summary>
public static class BatchCompatibility
{
    /// <summary>Equal keys mean the renders can be batched together.</summary>
    public static string KeyOf(RenderRequest request)
    {
        var shared = request.Settings.Resolve() with
        {
            ContentWeight = null,
            StyleWeight = 0,
            AlphaBeta = null,
            TvWeight = 0,
            StyleLayerWeights = null,
            Seed = 0,
            OriginalColors = false,
        };
        return string.Join('\n', request.Content, string.Join('\n', request.Styles), RenderSettingsJson.Serialize(shared));
    }

    /// <summary>Throws unless every request has the first one's key.</summary>
    public static void Require(IReadOnlyList<RenderRequest> requests)
    {
        if (requests.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one render", nameof(requests));
        }
        var key = KeyOf(requests[0]);
        if (requests.Any(r => KeyOf(r) != key))
        {
            throw new ArgumentException("renders in one batch must share inputs, size, layers, optimiser and schedule", nameof(requests));
        }
    }
}
