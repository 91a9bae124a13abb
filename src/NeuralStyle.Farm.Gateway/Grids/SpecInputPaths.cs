using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Storage;

namespace NeuralStyle.Farm.Gateway.Grids;

/// <summary>
/// A gateway spec with its inputs found: the spec names every input <c>sha256:&lt;hex&gt;</c>
/// (content, styles, an init image, weights), and grid pages need the files. Until
/// <see cref="SweepSpecParser"/> takes an input-name resolver, the spec is parsed with those names
/// as relative paths under a directory that is never read, and each is then swapped for its
/// blob's local file: this class is the one place that knows, to be switched over to the hook.
/// </summary>
internal static class SpecInputPaths
{
    /// <summary>Where the parser puts the names; nothing is ever read or written there.</summary>
    private static readonly string NamesBase = Path.Combine(Path.GetTempPath(), "nsf-spec-input-names");

    /// <summary>
    /// The spec of <paramref name="specJson"/> with every input at its blob's local path, and the
    /// SHA-256 of each such path. A name that is not <c>sha256:&lt;hex&gt;</c> is an
    /// <see cref="InvalidOperationException"/>: the gateway refuses such specs when they are submitted.
    /// </summary>
    public static async Task<(SweepSpec Spec, IReadOnlyDictionary<string, string> Sha256OfPath)> ResolveAsync(
        string specJson, IBlobStore blobs, CancellationToken ct)
    {
        var named = SweepSpecParser.Parse(specJson, NamesBase);
        var pathOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names(named).Distinct(StringComparer.Ordinal))
        {
            pathOf[name] = await blobs.LocalPathAsync(Sha256Of(name), ct).ConfigureAwait(false);
        }
        var spec = named with
        {
            Contents = named.Contents.Select(c => pathOf[c]).ToArray(),
            Styles = named.Styles.Select(entry => (IReadOnlyList<string>)entry.Select(s => pathOf[s]).ToArray()).ToArray(),
            Settings = named.Settings.Select(s => KeyValuePair.Create(s.Key, Swap(s.Key, s.Value, pathOf))).ToArray(),
            Axes = named.Axes.Select(a => a with { Values = a.Values.Select(v => Swap(a.Name, v, pathOf)).ToArray() }).ToArray(),
        };
        return (spec, pathOf.ToDictionary(p => p.Value, p => Sha256Of(p.Key), StringComparer.Ordinal));
    }

    private static IEnumerable<string> Names(SweepSpec spec) =>
        spec.Contents.Concat(spec.Styles.SelectMany(s => s))
            .Concat(spec.Settings.Where(s => IsInput(s.Key, s.Value)).Select(s => s.Value.Items[0]))
            .Concat(spec.Axes.SelectMany(a => a.Values.Where(v => IsInput(a.Name, v)).Select(v => v.Items[0])));

    /// <summary>What the parser takes for a path: weights, and init unless it is a keyword.</summary>
    private static bool IsInput(string setting, SettingValue value) =>
        !value.IsList && (setting is "weights" || (setting == "init" && value.Items[0] is not ("content" or "noise" or "style")));

    private static SettingValue Swap(string setting, SettingValue value, Dictionary<string, string> pathOf) =>
        IsInput(setting, value) ? SettingValue.Of(pathOf[value.Items[0]]) : value;

    private static string Sha256Of(string parsedName)
    {
        var name = Path.GetFileName(parsedName);
        var sha256 = name.StartsWith(PortableSettings.InitImagePrefix, StringComparison.Ordinal) ? name[PortableSettings.InitImagePrefix.Length..] : null;
        return Path.GetDirectoryName(parsedName) == NamesBase && Sha256Hex.IsWellFormed(sha256)
            ? sha256!
            : throw new InvalidOperationException("the sweep's spec names an input by something other than sha256:<64 hex>");
    }
}
