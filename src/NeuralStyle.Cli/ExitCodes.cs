namespace NeuralStyle.Cli;

/// <summary>The process exit codes of nsf.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The engine failed for a reason no input explains.</summary>
    public const int EngineFailure = 1;

    /// <summary>A bad command line or setting value.</summary>
    public const int InvalidUsage = 2;

    /// <summary>An input file (image, weights, spec) is missing, unreadable or too large.</summary>
    public const int InputError = 3;

    /// <summary>The requested device is not available, or has not the memory a render needs.</summary>
    public const int DeviceUnavailable = 4;

    /// <summary>An output file could not be written.</summary>
    public const int OutputError = 5;

    /// <summary>Some renders of a sweep failed; the others were written.</summary>
    public const int PartialFailure = 6;

    /// <summary>A download failed (no network, bad checksum); nothing was kept.</summary>
    public const int DownloadFailed = 7;

    /// <summary>
    /// No gateway answers at the URL a farm command was given (connection refused, unknown host,
    /// timed out): start one with <c>nsf serve</c> or point <c>--gateway</c> at one.
    /// </summary>
    public const int GatewayUnreachable = 8;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT); the current image was kept.</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM (128 + 15), as a service manager stops a job; the current image was kept.</summary>
    public const int Terminated = 143;
}
