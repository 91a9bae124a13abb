using System.Globalization;
using System.Text.Json;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// What <c>nsf submit</c> does once its command line is read: plans the sweep locally (so a bad
/// spec fails here, as under <c>nsf sweep</c>), uploads the inputs the gateway lacks, submits the
/// spec naming them by hash, and with --wait follows it and fetches its results.
/// </summary>
internal sealed class SweepSubmitter(FarmClient client, TextWriter output, TextWriter error)
{
    /// <summary>True for <c>nsf sweep</c>: the gateway lives in this process and stops with it, so its URL is not worth printing and an interrupted sweep is continued by running the command again.</summary>
    public bool Embedded { get; init; }

    public async Task<int> RunAsync(SweepSpec spec, int maxRenders, bool wait, string? outDir, CancellationToken cancellationToken)
    {
        var plan = SweepPlanner.Expand(spec, [], maxRenders);
        if (outDir is not null)
        {
            OutputPaths.RequireSweepOutputs(plan, outDir);
        }
        var inputs = SubmissionSpec.Inputs(spec);
        var hashes = await InputUploader.UploadAsync(client, inputs, output, cancellationToken);
        var submission = new SweepSubmission(
            JsonSerializer.SerializeToElement(SubmissionSpec.ToJson(spec, path => SubmissionSpec.HashPrefix + hashes[path])),
            inputs.GroupBy(i => hashes[i.Path], StringComparer.Ordinal).ToDictionary(g => g.Key, g => Path.GetFileName(g.First().Path), StringComparer.Ordinal),
            maxRenders);
        var accepted = await client.SubmitSweepAsync(submission, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submitted sweep {accepted.Id}: {accepted.Renders} render(s), {accepted.Reused} already rendered, {accepted.Queued} queued"));
        if (!Embedded)
        {
            output.WriteLine($"  {client.UrlOf($"api/sweeps/{accepted.Id}")}");
        }
        if (!wait)
        {
            output.WriteLine($"follow it with: nsf status {accepted.Id} --gateway {client.Gateway.AbsoluteUri.TrimEnd('/')}");
            return ExitCodes.Success;
        }
        try
        {
            await WatchAsync(accepted, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine(Embedded
                ? "nsf: sweep interrupted; finished renders are kept, run the same command again to render the rest"
                : $"nsf: stopped watching; sweep {accepted.Id} goes on at the gateway (nsf status {accepted.Id}, nsf cancel {accepted.Id})");
            return ExitCodes.Cancelled;
        }
        var sweep = await client.GetSweepAsync(accepted.Id, cancellationToken);
        if (outDir is not null)
        {
            await FetchAsync(accepted.Id, outDir, cancellationToken);
        }
        return Summarise(sweep, accepted);
    }

    private async Task WatchAsync(SweepAccepted accepted, CancellationToken cancellationToken)
    {
        var sweep = await client.GetSweepAsync(accepted.Id, cancellationToken);
        var stream = new FarmEventStream(client, accepted.Id, accepted.EventsAfter);
        await SweepWatchView.RunAsync(output, async view =>
        {
            var watcher = new SweepWatcher(sweep, view);
            await foreach (var farmEvent in stream.ReadAsync(cancellationToken))
            {
                watcher.Apply(farmEvent);
            }
        });
    }

    /// <summary>Downloads the sweep's archive beside the results and extracts it there.</summary>
    private async Task FetchAsync(Guid id, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var zip = Path.Combine(directory, AtomicFileName());
        try
        {
            await using (var file = new FileStream(zip, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await client.DownloadArchiveAsync(id, file, cancellationToken);
            }
            var written = SweepArchive.Extract(zip, directory);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {written.Count} file(s) to {directory}"));
            foreach (var grid in written.Where(n => n.StartsWith("grid-", StringComparison.Ordinal)))
            {
                output.WriteLine($"grid: {Path.Combine(directory, grid)}");
            }
            output.WriteLine($"manifest: {Path.Combine(directory, SweepManifest.FileName)}");
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static string AtomicFileName() => $".nsf-archive-{Guid.NewGuid():N}.zip";

    private int Summarise(SweepView sweep, SweepAccepted accepted)
    {
        var c = sweep.Counts;
        if (Embedded)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Succeeded - accepted.Reused} rendered, {accepted.Reused} already done, {c.Failed} failed"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {sweep.Id} {sweep.Status.ToString().ToLowerInvariant()}: {c.Succeeded} succeeded, {c.Failed} failed, {c.Cancelled} cancelled of {c.Total}"));
        if (c.Failed > 0 || c.Cancelled > 0 || sweep.Status == SweepStatus.Cancelled)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"nsf: {c.Failed} render(s) failed and {c.Cancelled} were cancelled (marked in the grid and in sweep.json; nsf status {sweep.Id} lists them)"));
            return ExitCodes.PartialFailure;
        }
        return ExitCodes.Success;
    }
}
