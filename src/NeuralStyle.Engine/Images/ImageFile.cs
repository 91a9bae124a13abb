using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Native;

namespace NeuralStyle.Engine.Images;

/// <summary>Decodes and encodes images through libvips in the native image library (libnsf_image.so, no libtorch).</summary>
public static unsafe class ImageFile
{
    /// <summary>Images whose header claims more pixels than this are rejected before decoding (about 16k x 16k).</summary>
    public const long MaxInputPixels = 268_435_456;

    /// <summary>
    /// Image files larger than this are refused before anything reads them (512 MiB): well above
    /// any photograph within <see cref="MaxInputPixels"/>, and a bound on what hashing reads.
    /// </summary>
    public const long MaxFileBytes = 512L << 20;

    /// <summary>Width and height after EXIF orientation, from the header alone.</summary>
    public static (int Width, int Height) Probe(string path)
    {
        RequireFile(path);
        ImageLibraryGuard.EnsureLoaded();
        var error = new NativeError();
        var status = ImageNativeMethods.ImageProbe(path, MaxInputPixels, out var width, out var height, ref error);
        NativeResult.ThrowIfFailed(status, error);
        return (width, height);
    }

    /// <summary>Decodes <paramref name="path"/> resized (Lanczos3) to exactly width x height; no resampling when it already is.</summary>
    public static RgbImage Read(string path, int width, int height)
    {
        RequireFile(path);
        ImageLibraryGuard.EnsureLoaded();
        var pixels = new float[3 * width * height];
        var error = new NativeError();
        fixed (float* data = pixels)
        {
            var status = ImageNativeMethods.ImageRead(path, MaxInputPixels, width, height, data, ref error);
            NativeResult.ThrowIfFailed(status, error);
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Decodes <paramref name="path"/> with its longest side scaled to <paramref name="longestSide"/>.</summary>
    public static RgbImage ReadFitted(string path, int longestSide)
    {
        var (width, height) = Probe(path);
        var (fittedWidth, fittedHeight) = ImageSizing.FitLongestSide(width, height, longestSide);
        return Read(path, fittedWidth, fittedHeight);
    }

    /// <summary>Writes a PNG atomically with one text chunk per metadata entry.</summary>
    public static void WritePng(string path, RgbImage image, IReadOnlyDictionary<string, string> metadata)
    {
        ImageLibraryGuard.EnsureLoaded();
        AtomicFile.WriteWith(path, temporary =>
        {
            using var text = new NativeTextChunks(metadata);
            var error = new NativeError();
            fixed (float* data = image.Pixels)
            {
                var status = ImageNativeMethods.ImageWritePng(temporary, data, image.Width, image.Height,
                    text.Keys, text.Values, text.Count, ref error);
                NativeResult.ThrowIfFailed(status, error);
            }
        });
    }

    /// <summary>
    /// Only a regular file within <see cref="MaxFileBytes"/> reaches the decoder: a FIFO would block
    /// it and a device never end, and neither can be interrupted once inside native code.
    /// </summary>
    internal static void RequireFile(string path)
    {
        var size = InputFiles.RequireRegularFile(path, long.MaxValue, Unreadable);
        if (size > MaxFileBytes)
        {
            throw new ImageTooLargeException(
                $"image '{path}' is {InputFiles.Describe(size)}, over the limit of {InputFiles.Describe(MaxFileBytes)} for an image file");
        }
    }

    /// <summary>"image '…' does not exist": the error for an image path that is not a readable file.</summary>
    internal static ImageUnreadableException Unreadable(string problem) => new($"image {problem}");
}
