namespace NeuralStyle.Engine.Native;

/// <summary>One of the native libraries: its import name, its file, and the variable that overrides its path.</summary>
internal sealed record NativeLibraryFile(string ImportName, string FileName, string OverrideVariable)
{
    /// <summary>
    /// Null when <paramref name="abiOfLibrary"/> loads the library and returns <paramref name="expected"/>;
    /// otherwise what is wrong, worded for a user, so that a stale or missing build fails with a
    /// message instead of corrupting memory.
    /// </summary>
    public string? Problem(Func<int> abiOfLibrary, int expected)
    {
        NativeLibraryResolver.EnsureInstalled();
        try
        {
            var abi = abiOfLibrary();
            return abi == expected
                ? null
                : $"the native library {FileName} has ABI version {abi} but this build expects {expected}; rebuild it (./nsf --rebuild)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"cannot load the native library {FileName} ({e.Message}); build it with ./nsf --rebuild, or set {OverrideVariable} to its path";
        }
    }
}
