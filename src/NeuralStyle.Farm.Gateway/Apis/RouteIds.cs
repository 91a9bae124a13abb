using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// Checks the ids a URL carries before anything looks them up: a malformed one is a 400 that names
/// the expected form, and only a parsed GUID or 64 lower-case hex digits ever reaches the farm, so
/// nothing from a URL can become a path.
/// </summary>
internal static class RouteIds
{
    /// <summary>Longest part of a rejected value quoted back: hostile input must not flood logs or answers.</summary>
    private const int QuotedLength = 80;

    /// <summary>A sweep id: a GUID as the gateway writes it (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>).</summary>
    public static bool TryParseSweep(string value, out Guid id, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = Guid.TryParseExact(value, "D", out id)
            ? null
            : FarmProblems.Result(HttpProblem.BadRequest,
                $"'{Quote(value)}' is not a sweep id: a GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        return problem is null;
    }

    /// <summary>A render key or blob name (<paramref name="what"/>): 64 lower-case hex digits.</summary>
    public static bool TryCheckHash(string value, string what, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        var found = Sha256Hex.Check(what, value, what);
        problem = found is null ? null : FarmProblems.Result(HttpProblem.BadRequest, found.ToString());
        return problem is null;
    }

    /// <summary>A grid page: a non-negative integer.</summary>
    public static bool TryParsePage(string value, out int page, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out page)
            ? null
            : FarmProblems.Result(HttpProblem.BadRequest, $"'{Quote(value)}' is not a grid page: a whole number from 0");
        return problem is null;
    }

    /// <summary><paramref name="value"/> cut to a readable length, control characters shown as '?'.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > QuotedLength ? value[..QuotedLength] + "..." : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
