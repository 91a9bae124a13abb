namespace NeuralStyle.Cli.Hosting;

/// <summary>Where the farm keeps its database and blobs unless <c>--data</c> says otherwise.</summary>
internal static class FarmDataDirectory
{
    /// <summary>$NSF_DATA, else $XDG_DATA_HOME/nsf/farm, else ~/.local/share/nsf/farm.</summary>
    public static string Default =>
        Environment.GetEnvironmentVariable("NSF_DATA") is { Length: > 0 } data
            ? data
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
                    ? xdg
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".local", "share"),
                "nsf", "farm");
}
