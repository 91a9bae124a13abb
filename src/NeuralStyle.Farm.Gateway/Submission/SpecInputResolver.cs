using NeuralStyle.Engine;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Gateway.Storage;

namespace NeuralStyle.Farm.Gateway.Submission;

/// <summary>
/// Turns the input names of a submitted spec into files of the blob store: only
/// <c>sha256:&lt;64 hex&gt;</c> names of held blobs resolve; any other name (a path on anyone's
/// machine) is refused before it reaches the file system. Remembers each file's hash, so what the
/// planner reports in terms of files can be said again in terms of names. One per submission.
/// </summary>
internal sealed class SpecInputResolver(DirectoryBlobStore blobs)
{
    public const string Prefix = "sha256:";

    private const int QuotedLength = 80;

    private readonly Dictionary<string, string> _shaByPath = new(StringComparer.Ordinal);

    /// <summary>The blob file <paramref name="name"/> names, for the spec key <paramref name="where"/>.</summary>
    public string Resolve(string name, string where)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new SweepSpecException(
                $"{where}: '{Quote(name)}' is not a name the gateway reads: a spec sent to the gateway names inputs by sha256:<64 hex digits>; upload files with POST /api/blobs");
        }
        var sha256 = name[Prefix.Length..];
        if (Sha256Hex.Check(where, sha256, "input file") is { } problem)
        {
            throw new SweepSpecException($"{where}: {problem.Message}");
        }
        var path = blobs.PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new FarmRequestException(ErrorCode.InputUnusable,
                $"{where}: no file with SHA-256 {sha256} is held by the gateway; upload it with POST /api/blobs first");
        }
        _shaByPath[path] = sha256;
        return path;
    }

    /// <summary>The hash of a file this resolver returned.</summary>
    public string Sha256Of(string path) => _shaByPath.TryGetValue(path, out var sha256)
        ? sha256
        : throw new InvalidOperationException("a planned input is not a file the resolver returned");

    /// <summary>Registers a file resolved elsewhere (the default weights) under its hash.</summary>
    public void Add(string path, string sha256) => _shaByPath[path] = sha256;

    /// <summary><paramref name="value"/> as the spec named it: <c>sha256:…</c> for a resolved file, else unchanged.</summary>
    public string NameOf(string value) => _shaByPath.TryGetValue(value, out var sha256) ? Prefix + sha256 : value;

    /// <summary><paramref name="message"/> with every resolved file replaced by its name: the gateway's paths are nobody's business.</summary>
    public string Scrub(string message) =>
        _shaByPath.Aggregate(message, (text, pair) => text.Replace(pair.Key, Prefix + pair.Value, StringComparison.Ordinal));

    private static string Quote(string value)
    {
        var shown = value.Length > QuotedLength ? value[..QuotedLength] + "..." : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
