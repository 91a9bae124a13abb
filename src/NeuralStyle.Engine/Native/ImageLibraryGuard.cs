namespace NeuralStyle.Engine.Native;

/// <summary>
/// Checks, once, that libnsf_image.so loads with the ABI <see cref="ImageNativeMethods"/> mirrors.
/// Every image and canvas call goes through this guard and never through
/// <see cref="NativeLibraryGuard"/>, whose library pulls in libtorch.
/// </summary>
internal static class ImageLibraryGuard
{
    private static readonly Lazy<string?> Problem =
        new(() => NativeLibraryResolver.Image.Problem(ImageNativeMethods.AbiVersionOfLibrary, ImageNativeMethods.AbiVersion));

    /// <summary>Throws <see cref="EngineFailureException"/> unless the image library loads with the expected ABI.</summary>
    public static void EnsureLoaded()
    {
        if (Problem.Value is { } problem)
        {
            throw new EngineFailureException(problem);
        }
    }
}
