using System.Security.Cryptography;
using System.Text;
using NeuralStyle.Engine.Settings;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// A render's identity: SHA-256 of its resolved settings and the SHA-256 of every input (content,
/// styles, weights). Paths, device and save_every are left out: they do not change what is
/// computed, so a render found under another path or done on another device is not redone.
/// </summary>
public static class RenderKey
{
    /// <summary>Lower-case hex key.</summary>
    public static string Of(RenderSettings settings, string contentSha256, IEnumerable<string> styleSha256s, string weightsSha256)
    {
        var identity = settings.Resolve() with { Weights = "", Device = "", SaveEvery = 0 };
        var init = settings.Init is "content" or "noise" or "style" ? settings.Init : HashOfFile(settings.Init);
        var text = string.Join('\n', RenderSettingsJson.Serialize(identity with { Init = init }), contentSha256,
            string.Join(',', styleSha256s), weightsSha256);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string HashOfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
