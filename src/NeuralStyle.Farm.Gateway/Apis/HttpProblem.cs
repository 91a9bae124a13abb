using Microsoft.AspNetCore.Http;

namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>
/// A problem of the HTTP exchange itself (a malformed id, a missing key, nothing under a name), which
/// is no error of a render and so has no row in the engine's catalog. Its name joins the catalog's
/// in the same problem-type space, so a client reads <c>error_code</c> the same way for both.
/// </summary>
/// <param name="Name">The stable <c>error_code</c>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">The occurrence-independent summary.</param>
internal sealed record HttpProblem(string Name, int Status, string Title)
{
    public static readonly HttpProblem BadRequest = new("bad_request", StatusCodes.Status400BadRequest, "The request is malformed");

    public static readonly HttpProblem ApiKeyMissing = new("api_key_missing", StatusCodes.Status401Unauthorized, "An API key is required");

    public static readonly HttpProblem ApiKeyInvalid = new("api_key_invalid", StatusCodes.Status403Forbidden, "The API key is not accepted");

    public static readonly HttpProblem NotFound = new("not_found", StatusCodes.Status404NotFound, "Nothing is held under this name");

    public static readonly HttpProblem PayloadTooLarge = new("payload_too_large", StatusCodes.Status413PayloadTooLarge, "The request body is larger than allowed");

    public static readonly HttpProblem NotReady = new("not_ready", StatusCodes.Status503ServiceUnavailable, "The gateway is not ready");

    private static readonly HttpProblem[] Known = [BadRequest, ApiKeyMissing, ApiKeyInvalid, NotFound, PayloadTooLarge, NotReady];

    /// <summary>
    /// The problem for a bare status the framework set (an unknown route, a wrong method): a known
    /// one, else a name made from the status's reason phrase (<c>method_not_allowed</c>).
    /// </summary>
    public static HttpProblem ForStatus(int status)
    {
        var known = Array.Find(Known, p => p.Status == status);
        if (known is not null)
        {
            return known;
        }
        var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        var name = phrase.Length == 0 ? $"http_{status}" : phrase.ToLowerInvariant().Replace(' ', '_').Replace("-", "", StringComparison.Ordinal);
        return new(name, status, phrase.Length == 0 ? $"HTTP {status}" : phrase);
    }
}
