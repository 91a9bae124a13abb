namespace NeuralStyle.Engine;

/// <summary>
/// The closed set of reasons a render (or any nsf command) fails. Each has a stable name
/// (<c>device_out_of_memory</c>) that events, manifests and HTTP problems carry, and one row in
/// <see cref="ErrorCatalog"/> that says whether a retry can help and how the CLI and the gateway
/// report it. Names never change once published; a new kind of failure gets a new code.
/// </summary>
public enum ErrorCode
{
    /// <summary><c>invalid_setting</c>: a setting or option has a value the engine cannot use.</summary>
    InvalidSetting,

    /// <summary><c>invalid_sweep</c>: a sweep spec is malformed, names unknown keys, has an empty axis or is too large.</summary>
    InvalidSweep,

    /// <summary><c>image_unreadable</c>: an image is missing, unreadable or not one the decoder understands.</summary>
    ImageUnreadable,

    /// <summary><c>image_too_large</c>: an image has more pixels (or bytes) than allowed; refused before decoding.</summary>
    ImageTooLarge,

    /// <summary><c>input_unusable</c>: an input file is missing or unusable as given (a spec file, an image too thin for its layers).</summary>
    InputUnusable,

    /// <summary><c>weights_invalid</c>: the VGG-19 weights file is missing, malformed or lacks a tensor of the right shape.</summary>
    WeightsInvalid,

    /// <summary><c>device_unavailable</c>: the requested device (<c>cuda:0</c>) is not available to this build or machine.</summary>
    DeviceUnavailable,

    /// <summary><c>device_out_of_memory</c>: the render needs more memory than its device has; refused before any work.</summary>
    DeviceOutOfMemory,

    /// <summary><c>output_unwritable</c>: an output file or directory could not be written.</summary>
    OutputUnwritable,

    /// <summary><c>download_failed</c>: a download broke off, stalled or did not match its checksum; nothing was kept.</summary>
    DownloadFailed,

    /// <summary><c>render_diverged</c>: the optimisation's loss became infinite or NaN; the settings, not the device, cause it.</summary>
    RenderDiverged,

    /// <summary><c>engine_failure</c>: the native engine failed in a way no input explains (a libtorch error, a missing library).</summary>
    EngineFailure,

    /// <summary><c>cancelled</c>: the render was stopped on request (Ctrl-C, SIGTERM, a cancel message).</summary>
    Cancelled,

    /// <summary><c>unexpected</c>: an exception nsf did not anticipate: a bug, reported with its type.</summary>
    Unexpected,
}
