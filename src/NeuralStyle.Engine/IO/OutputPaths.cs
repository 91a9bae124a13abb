using System.Text.RegularExpressions;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Engine.IO;

/// <summary>
/// Checks, before any work, that outputs can be written and that no output would replace an input
/// or another output. Paths are compared by what they lead to (device and inode, links followed),
/// not by spelling. Outputs are named as the CLI options that give them (<c>--out</c>, <c>--report</c>).
/// </summary>
public static partial class OutputPaths
{
    /// <summary>A render's outputs: the image, its optional trace and its <c>save_every</c> snapshots.</summary>
    public static void RequireRenderOutputs(RenderRequest request, string outPath, string? reportPath)
    {
        OutputProbe.RequireCreatable("--out", outPath);
        var outputs = new List<(string Role, string Path)> { ("--out", outPath) };
        if (reportPath is not null)
        {
            OutputProbe.RequireCreatable("--report", reportPath);
            outputs.Add(("--report", reportPath));
        }
        var inputs = InputsOf(request).ToArray();
        RequireDistinct(inputs, outputs);
        if (request.Settings.SaveEvery > 0)
        {
            RequireApartFromSnapshots(outPath, [.. inputs, .. outputs.Skip(1)]);
        }
    }

    /// <summary>A sweep's output directory: writable, and holding none of the sweep's inputs where the sweep writes.</summary>
    public static void RequireSweepOutputs(SweepPlan plan, string directory)
    {
        OutputProbe.RequireWritableDirectory("--out", directory);
        var inputs = plan.Points.SelectMany(p => InputsOf(p.Request)).Distinct().ToArray();
        var written = SweepWrites(directory).ToArray();
        foreach (var (role, path) in inputs)
        {
            var input = OutputLocation.Of(path);
            if (input.Exists && written.FirstOrDefault(w => w.Location.File == input.File).Path is { } clash)
            {
                throw new OutputFileException(
                    $"the {role} '{path}' is '{clash}', where the sweep into --out '{directory}' writes its results; move it elsewhere or choose another --out");
            }
        }
    }

    /// <summary>Throws <see cref="OutputFileException"/> when an output is an existing input, or two outputs are one file.</summary>
    public static void RequireDistinct(IReadOnlyList<(string Role, string Path)> inputs, IReadOnlyList<(string Role, string Path)> outputs)
    {
        var inputLocations = inputs.Select(i => (i.Role, i.Path, Location: OutputLocation.Of(i.Path))).Where(i => i.Location.Exists).ToArray();
        for (var o = 0; o < outputs.Count; o++)
        {
            var (option, path) = outputs[o];
            var location = OutputLocation.Of(path);
            foreach (var input in inputLocations.Where(i => i.Location == location))
            {
                throw new OutputFileException(
                    $"{option} '{path}' is the {input.Role} '{input.Path}'; writing it would destroy that input, so choose another {option}");
            }
            foreach (var (otherOption, otherPath) in outputs.Take(o).Where(other => OutputLocation.Of(other.Path) == location))
            {
                throw new OutputFileException($"{option} '{path}' and {otherOption} '{otherPath}' are the same file; give them different paths");
            }
        }
    }

    private static void RequireApartFromSnapshots(string outPath, IReadOnlyList<(string Role, string Path)> others)
    {
        var full = Path.GetFullPath(outPath);
        var directory = Path.GetDirectoryName(full)!;
        if (FileMetadata.IdentityOf(directory) is not { } directoryIdentity)
        {
            return;
        }
        var stem = Path.GetFileNameWithoutExtension(full);
        bool IsSnapshot(string name) =>
            name.StartsWith(stem + ".iter", StringComparison.Ordinal) && SnapshotSuffix().IsMatch(name[stem.Length..]);
        var existing = Directory.EnumerateFiles(directory).Where(f => IsSnapshot(Path.GetFileName(f)))
            .Select(f => (Path: f, Location: OutputLocation.Of(f))).ToArray();
        foreach (var (role, path) in others)
        {
            var location = OutputLocation.Of(path);
            var clash = location.Exists
                ? existing.FirstOrDefault(s => s.Location.File == location.File).Path
                : location.IsIn(directoryIdentity, IsSnapshot) ? path : null;
            if (clash is not null)
            {
                var what = role.StartsWith("--", StringComparison.Ordinal) ? role : $"the {role}";
                throw new OutputFileException(
                    $"{what} '{path}' is '{clash}', a name save_every writes a snapshot of --out '{outPath}' to ({stem}.iterNNNN.png); choose other names");
            }
        }
    }

    /// <summary>The files a sweep into <paramref name="directory"/> writes or rewrites that exist now.</summary>
    private static IEnumerable<(string Path, OutputLocation Location)> SweepWrites(string directory)
    {
        var renders = Path.Combine(directory, SweepFiles.RendersFolder);
        var files = (Directory.Exists(renders) ? Directory.EnumerateFiles(renders) : [])
            .Concat(Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "grid-*.png") : [])
            .Append(Path.Combine(directory, SweepManifest.FileName))
            .Append(Path.Combine(directory, SweepFiles.JournalFile))
            .Append(Path.Combine(directory, SweepFiles.LockFile));
        return files.Select(f => (f, OutputLocation.Of(f))).Where(f => f.Item2.Exists);
    }

    /// <summary>A render's input files by role: content, styles, an init image, the weights.</summary>
    private static IEnumerable<(string Role, string Path)> InputsOf(RenderRequest request)
    {
        yield return ("content image", request.Content);
        foreach (var style in request.Styles)
        {
            yield return ("style image", style);
        }
        if (request.Settings.Init is not ("content" or "noise" or "style"))
        {
            yield return ("init image", request.Settings.Init);
        }
        yield return ("weights file", request.Settings.Weights);
    }

    [GeneratedRegex(@"^\.iter[0-9]{4,}\.png$", RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotSuffix();
}
