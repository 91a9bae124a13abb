using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Rendering;

/// <summary>An input image file and the SHA-256 of its bytes: renders are keyed by content, not by path.</summary>
public sealed record InputImage(string Path, string Sha256)
{
    /// <summary>
    /// Hashes <paramref name="path"/>; a missing file, a directory, a FIFO or device is an
    /// <see cref="ImageUnreadableException"/>, a file over <see cref="ImageFile.MaxFileBytes"/> an <see cref="ImageTooLargeException"/>.
    /// </summary>
    public static InputImage Of(string path)
    {
        ImageFile.RequireFile(path);
        return new InputImage(path, InputFiles.Sha256(path, ImageFile.MaxFileBytes, ImageFile.Unreadable));
    }
}
