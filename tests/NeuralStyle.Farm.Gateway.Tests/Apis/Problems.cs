using System.Net;
using System.Text.Json;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>Reads a response as the ProblemDetails every error of the gateway must be.</summary>
internal static class Problems
{
    public const string TypeBase = "https://neuralstyle.farm/errors/";

    /// <summary>Asserts the response is a problem with <paramref name="status"/> and <paramref name="code"/>, and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("error_code").GetString());
        Assert.Equal(TypeBase + code, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), "a problem has a title");
        return problem;
    }

    public static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";
}
