using System.Security.Cryptography;

namespace NeuralStyle.Engine.Rendering;

/// <summary>An input image file and the SHA-256 of its bytes: renders are keyed by content, not by path.</summary>
public sealed record InputImage(string Path, string Sha256)
{
    /// <summary>Hashes <paramref name="path"/>; a missing file is an <see cref="ImageUnreadableException"/>.</summary>
    public static InputImage Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return new InputImage(path, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageUnreadableException($"cannot read image '{path}': file does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageUnreadableException($"cannot read image '{path}': {e.Message}");
        }
    }
}
