using NeuralStyle.Engine;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Contracts.Api;
using Spectre.Console;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// Names every input of a sweep by its SHA-256 and uploads only what the gateway lacks, so the same
/// half-gigabyte weights file crosses the network once, however many sweeps use it.
/// </summary>
internal static class InputUploader
{
    /// <summary>Files at least this big get a progress bar (or progress lines) while they upload.</summary>
    private const long ShowProgressFrom = 8L << 20;

    /// <summary>The hash of each input by path, after uploading those the gateway does not hold.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> UploadAsync(FarmClient client, IReadOnlyList<SubmissionInput> inputs,
        TextWriter output, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var checkedHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var sha256 = HashOf(input);
            hashes[input.Path] = sha256;
            if (!checkedHashes.Add(sha256) || await client.HasBlobAsync(sha256, cancellationToken))
            {
                continue;
            }
            var bytes = new FileInfo(input.Path).Length;
            output.WriteLine($"uploading {input.Role} {input.Path} ({InputFiles.Describe(bytes)})");
            var info = bytes >= ShowProgressFrom
                ? await WithProgressAsync(output, Path.GetFileName(input.Path), bytes, sent => client.UploadBlobAsync(input.Path, input.Kind, sent, cancellationToken))
                : await client.UploadBlobAsync(input.Path, input.Kind, _ => { }, cancellationToken);
            if (info.Sha256 != sha256)
            {
                throw new InputFileException($"the {input.Role} '{input.Path}' changed while it was uploaded (SHA-256 {sha256} before, the gateway received {info.Sha256}); submit again");
            }
        }
        return hashes;
    }

    private static string HashOf(SubmissionInput input) => input.Kind == BlobKind.Weights
        ? Vgg19Weights.HashOf(input.Path)
        : InputFiles.Sha256(input.Path, ImageFile.MaxFileBytes, problem => new ImageUnreadableException($"{input.Role} {problem}"));

    private static async Task<BlobInfo> WithProgressAsync(TextWriter output, string name, long bytes, Func<Action<long>, Task<BlobInfo>> upload)
    {
        if (!Terminal.IsInteractive(output))
        {
            var lastTenth = 0L;
            return await upload(sent =>
            {
                var tenth = sent * 10 / bytes;
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    output.WriteLine($"  {name}: {tenth * 10}% sent");
                }
            });
        }
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"uploading {name}"), maxValue: bytes);
                return await upload(sent => task.Value = sent);
            });
    }
}
