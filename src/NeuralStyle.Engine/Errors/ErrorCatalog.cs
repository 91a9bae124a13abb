using System.Collections.Frozen;

namespace NeuralStyle.Engine;

/// <summary>
/// The one table that says what each <see cref="ErrorCode"/> means to a caller: its stable name,
/// whether a retry can help, the exit code of nsf, the HTTP status and problem type of the gateway,
/// and the words nsf prints. Everything that reports an error (the CLI, sweep.json, render events,
/// HTTP problems) maps through here, so a scheduler can tell bad input (never retry) from a failed
/// device (retry elsewhere).
/// </summary>
/// <remarks>
/// <para>Exit codes: 1 engine, 2 usage/setting/spec, 3 input file, 4 device, 5 output, 7 download,
/// 130 interrupted (nsf turns 130 into 143 when SIGTERM stopped it; 6, a partial sweep, is a sweep's
/// outcome, not an error code).</para>
/// <para>HTTP statuses: 400 a request the gateway cannot use as sent (a setting, a spec); 413 an image
/// over the size limits; 415 a file that is not an image the decoder reads; 422 a well-formed request
/// whose inputs cannot give a render (an unusable file, bad weights, settings that diverge); 499 the
/// render was cancelled (the gRPC/Google API mapping of CANCELLED, nginx's "client closed request");
/// 500 a failure of the worker (its engine, its disk, a bug); 502 an upstream download failed;
/// 503 the device cannot take the render now.</para>
/// </remarks>
public static class ErrorCatalog
{
    /// <summary>The base of every problem type URI; a code's type is this followed by its name. It names, it need not resolve.</summary>
    public const string ProblemTypeBase = "https://neuralstyle.farm/errors/";

    private static readonly ErrorDefinition[] Rows =
    [
        //  code                         name                    title                                           retry  exit http CLI prefix
        new(ErrorCode.InvalidSetting,    "invalid_setting",      "A setting has a value nsf cannot use",         false, 2,   400, "invalid setting"),
        new(ErrorCode.InvalidSweep,      "invalid_sweep",        "The sweep spec is not valid",                  false, 2,   400, "invalid sweep"),
        new(ErrorCode.ImageUnreadable,   "image_unreadable",     "An image cannot be read or decoded",           false, 3,   415, "input error"),
        new(ErrorCode.ImageTooLarge,     "image_too_large",      "An image is larger than allowed",              false, 3,   413, "input error"),
        new(ErrorCode.InputUnusable,     "input_unusable",       "An input file cannot be used as given",        false, 3,   422, "input error"),
        new(ErrorCode.WeightsInvalid,    "weights_invalid",      "The model weights cannot be used",             false, 3,   422, "input error"),
        new(ErrorCode.DeviceUnavailable, "device_unavailable",   "The requested device is not available",        true,  4,   503, "device unavailable"),
        new(ErrorCode.DeviceOutOfMemory, "device_out_of_memory", "The device lacks the memory the render needs", true,  4,   503, "not enough memory"),
        new(ErrorCode.OutputUnwritable,  "output_unwritable",    "An output cannot be written",                  false, 5,   500, "output error"),
        new(ErrorCode.DownloadFailed,    "download_failed",      "A download failed",                            false, 7,   502, "download failed"),
        new(ErrorCode.RenderDiverged,    "render_diverged",      "The render diverged",                          false, 1,   422, "engine error"),
        new(ErrorCode.EngineFailure,     "engine_failure",       "The engine failed",                            true,  1,   500, "engine error"),
        new(ErrorCode.Cancelled,         "cancelled",            "The render was cancelled",                     false, 130, 499, "cancelled"),
        new(ErrorCode.Unexpected,        "unexpected",           "An unexpected error occurred",                 false, 1,   500, "unexpected error"),
    ];

    private static readonly FrozenDictionary<ErrorCode, ErrorDefinition> ByCode = Rows.ToFrozenDictionary(r => r.Code);

    private static readonly FrozenDictionary<string, ErrorDefinition> ByName = Rows.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Every row, one per <see cref="ErrorCode"/>, in declaration order.</summary>
    public static IReadOnlyList<ErrorDefinition> All => Rows;

    /// <summary>The row of <paramref name="code"/>.</summary>
    public static ErrorDefinition Of(ErrorCode code) =>
        ByCode.TryGetValue(code, out var row) ? row : throw new ArgumentOutOfRangeException(nameof(code), code, "not an error code");

    /// <summary>
    /// The row for <paramref name="exception"/>: a <see cref="NeuralStyleException"/>'s own code,
    /// <c>cancelled</c> for an <see cref="OperationCanceledException"/>, <c>unexpected</c> for anything else.
    /// </summary>
    public static ErrorDefinition Of(Exception exception) => Of(CodeOf(exception));

    /// <summary>The code of <paramref name="exception"/>, as <see cref="Of(Exception)"/> decides it.</summary>
    public static ErrorCode CodeOf(Exception exception) => exception switch
    {
        NeuralStyleException e => e.Code,
        OperationCanceledException => ErrorCode.Cancelled,
        _ => ErrorCode.Unexpected,
    };

    /// <summary>The code named <paramref name="name"/> (<c>device_out_of_memory</c>), when it is one; names are case-sensitive.</summary>
    public static bool TryParse(string? name, out ErrorCode code)
    {
        var found = ByName.GetValueOrDefault(name ?? "");
        code = found?.Code ?? ErrorCode.Unexpected;
        return found is not null;
    }

    /// <summary>
    /// The ProblemDetails members that follow from <paramref name="code"/> alone (status, type URI,
    /// title, and the code and retryable flag as extension members); the gateway adds the detail.
    /// </summary>
    public static ErrorProblem Problem(ErrorCode code)
    {
        var row = Of(code);
        return new ErrorProblem(row.HttpStatus, new Uri(ProblemTypeBase + row.Name), row.Title, row.Name, row.Retryable);
    }
}
