using System.Security.Cryptography;
using System.Text;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// A render's identity: SHA-256 of its resolved settings and the SHA-256 of every input (content,
/// styles, an init image, weights). Paths, device and save_every are left out: they do not change
/// what is computed, so a render found under another path or done on another device is not redone.
/// </summary>
public static class RenderKey
{
    /// <summary>Lower-case hex key; <paramref name="initSha256"/> is the init image's hash when <c>init</c> names a file.</summary>
    public static string Of(RenderSettings settings, string contentSha256, IEnumerable<string> styleSha256s,
        string? initSha256, string weightsSha256)
    {
        var identity = settings.Resolve() with { Weights = "", Device = "", SaveEvery = 0 };
        if (initSha256 is not null)
        {
            // The init image counts by its bytes, as every other input does.
            identity = identity with { Init = "sha256:" + initSha256 };
        }
        var text = string.Join('\n', RenderSettingsJson.Serialize(identity), contentSha256,
            string.Join(',', styleSha256s), weightsSha256);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>True for what <see cref="Of"/> makes: 64 lower-case hex digits (a SHA-256), nothing else.</summary>
    public static bool IsWellFormed(string? key) => NeuralStyle.Farm.Contracts.Sha256Hex.IsWellFormed(key);
}
