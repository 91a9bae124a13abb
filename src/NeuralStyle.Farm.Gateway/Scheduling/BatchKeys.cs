using System.Security.Cryptography;
using System.Text;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Farm.Gateway.Scheduling;

/// <summary>
/// Which portable renders a worker can optimise together: the engine's rule
/// (<c>BatchCompatibility.KeyOf</c>) on the portable form. Equal inputs (content, styles, weights,
/// a start image), size, layers, optimiser and schedule; only the loss weights, the seed and
/// original_colors may differ.
/// </summary>
internal static class BatchKeys
{
    public static string Of(PortableRender render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var shared = render with
        {
            Settings = render.Settings with
            {
                ContentWeight = null,
                StyleWeight = 0,
                AlphaBeta = null,
                TvWeight = 0,
                StyleLayerWeights = null,
                Seed = 0,
                OriginalColors = false,
            },
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FarmJson.Serialize(shared))));
    }
}
