using NeuralStyle.Cli.Farm;
using NeuralStyle.Engine;

namespace NeuralStyle.Cli;

/// <summary>
/// The one place where an exception becomes a message on stderr and an exit code, both taken from
/// the engine's <see cref="ErrorCatalog"/> (a gateway's refusal or absence brings its own, see
/// <see cref="FarmClientException"/>).
/// </summary>
internal static class ErrorReporting
{
    public static int Report(Exception exception, TextWriter error)
    {
        if (exception is FarmClientException farm)
        {
            error.WriteLine($"nsf: {farm.Prefix}: {farm.Message}");
            return farm.ExitCode;
        }
        var row = ErrorCatalog.Of(exception);
        error.WriteLine($"nsf: {row.CliPrefix}: {exception.Message}");
        if (row.Code == ErrorCode.Unexpected)
        {
            // Only a bug gets here (anything a user can cause is a NeuralStyleException): say where.
            error.WriteLine(exception.StackTrace);
        }
        return row.ExitCode;
    }
}
