namespace NeuralStyle.Engine.Settings;

/// <summary>Where VGG-19 weights live unless a render names a file.</summary>
public static class WeightsLocation
{
    /// <summary>$NSF_WEIGHTS, else ~/.cache/neuralstyle-farm/vgg19.tv_in1k.safetensors (where <c>nsf weights download</c> writes).</summary>
    public static string Default =>
        Environment.GetEnvironmentVariable("NSF_WEIGHTS") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(CacheDirectory, "vgg19.tv_in1k.safetensors");

    /// <summary>$XDG_CACHE_HOME/neuralstyle-farm, else ~/.cache/neuralstyle-farm.</summary>
    public static string CacheDirectory =>
        System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                // DoNotVerify: a home directory that does not exist yet (a fresh container) still has a path, not "".
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".cache"),
            "neuralstyle-farm");
}
