using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>A sweep's render images on disk: where they are, whether one is intact, and removing a failed one.</summary>
internal static class SweepRenderImages
{
    /// <summary>An 8192 px render is about 200 MB of PNG; a file past this is not one of ours.</summary>
    private const long MaxRenderBytes = 1L << 30;

    public static string PathOf(string directory, string key) => Path.Combine(directory, SweepFiles.RenderImage(key));

    /// <summary>SHA-256 of the render's image, or null when it is missing, not a regular file or unreadable.</summary>
    public static string? Sha256(string directory, string key)
    {
        try
        {
            return InputFiles.Sha256(PathOf(directory, key), MaxRenderBytes, message => new OutputFileException(message));
        }
        catch (Exception e) when (e is NeuralStyleException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the render's image and the save_every <paramref name="snapshots"/> written for it, so a failed render leaves nothing behind.</summary>
    public static void Remove(string directory, string key, IEnumerable<string> snapshots)
    {
        // Named one by one rather than listed from renders/, which holds every render of the sweep.
        foreach (var file in snapshots.Prepend(PathOf(directory, key)))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover costs only disk space: the render is recorded failed and a rerun replaces it.
            }
        }
    }
}
