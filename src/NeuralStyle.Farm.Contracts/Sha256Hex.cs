namespace NeuralStyle.Farm.Contracts;

/// <summary>
/// How the farm names every input, result and render: a SHA-256 as 64 lower-case hex digits and
/// nothing else, so a name can never be a host path, and two spellings of one hash cannot exist.
/// </summary>
public static class Sha256Hex
{
    /// <summary>Hex digits in a SHA-256.</summary>
    public const int Length = 64;

    /// <summary>Longest part of a rejected value quoted back in a message: hostile input must not flood logs.</summary>
    private const int QuotedLength = 80;

    /// <summary>True for 64 lower-case hex digits.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Null when <paramref name="value"/> is well formed, else the problem with <paramref name="field"/>, which names a <paramref name="what"/>.</summary>
    public static ContractProblem? Check(string field, string? value, string what)
    {
        if (IsWellFormed(value))
        {
            return null;
        }
        if (string.IsNullOrEmpty(value))
        {
            return new(field, $"is missing: give the SHA-256 of the {what} (64 lower-case hex digits)");
        }
        if (LooksLikePath(value))
        {
            return new(field, $"'{Quote(value)}' is a path; the farm names the {what} by its SHA-256 (64 lower-case hex digits) " +
                "and never reads a host path: upload the file and use its hash");
        }
        if (IsWellFormed(value.ToLowerInvariant()))
        {
            return new(field, $"'{Quote(value)}' must be in lower case");
        }
        return new(field, $"'{Quote(value)}' is not a SHA-256 of the {what} (64 lower-case hex digits)");
    }

    /// <summary>True for anything a file system could read: separators, a file extension or a relative name, a home prefix, a drive letter.</summary>
    internal static bool LooksLikePath(string value) =>
        value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal)
        || value.Contains('.', StringComparison.Ordinal) || value.StartsWith('~') || value is [_, ':', ..];

    /// <summary><paramref name="value"/> cut to a readable length, control characters shown as '?'.</summary>
    internal static string Quote(string value)
    {
        var shown = value.Length > QuotedLength ? value[..QuotedLength] + "..." : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
