using System.CommandLine;
using System.Globalization;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Cli.Commands;

/// <summary><c>nsf status [SWEEP] [--gateway URL]</c>: the gateway's sweeps, or one sweep's cells.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output)
    {
        var sweep = new Argument<string?>("sweep") { Description = "a sweep's id (as nsf submit printed it); without it, every sweep", Arity = ArgumentArity.ZeroOrOne };
        sweep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !Guid.TryParse(text, out _))
            {
                result.AddError($"'{text}' is not a sweep id (a GUID, as nsf submit printed it)");
            }
        });
        var gateway = new GatewayClientOptions();
        var command = new Command("status", "Show the gateway's sweeps, or one sweep's renders (coordinates, status, attempts, worker, losses, time)") { sweep };
        gateway.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = gateway.Client(parse);
            if (parse.GetValue(sweep) is { } text && Guid.Parse(text) is var id)
            {
                WriteSweep(output, await client.GetSweepAsync(id, cancellationToken));
            }
            else
            {
                WriteSweeps(output, await client.ListSweepsAsync(cancellationToken));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteSweeps(TextWriter output, IReadOnlyList<SweepSummary> sweeps)
    {
        if (sweeps.Count == 0)
        {
            output.WriteLine("no sweeps yet (nsf submit sends one)");
            return;
        }
        var table = FarmTables.Of("id", "title", "status", "submitted", "succeeded", "failed", "cancelled", "running", "queued", "renders");
        foreach (var s in sweeps)
        {
            var c = s.Counts;
            FarmTables.AddRow(table, s.Id.ToString(), s.Title, Word(s.Status), s.Submitted.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Number(c.Succeeded), Number(c.Failed), Number(c.Cancelled), Number(c.Running), Number(c.Queued), Number(c.Total));
        }
        FarmTables.Write(output, table);
    }

    private static void WriteSweep(TextWriter output, SweepView sweep)
    {
        var c = sweep.Counts;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep {sweep.Id}{(sweep.Title is { } t ? $" \"{t}\"" : "")}: {Word(sweep.Status)}; {c.Succeeded} succeeded, {c.Failed} failed, {c.Cancelled} cancelled, {c.Running} running, {c.Queued} queued of {c.Total}"));
        var table = FarmTables.Of("#", "page", "row", "col", "coordinates", "key", "status", "attempts", "worker", "total loss", "content", "style", "seconds", "error");
        foreach (var r in sweep.Renders)
        {
            FarmTables.AddRow(table, Number(r.Index + 1), Number(r.Page + 1), Number(r.Row + 1), Number(r.Column + 1),
                r.Coordinates is { Count: > 0 } coordinates ? string.Join(", ", coordinates.Select(p => $"{p.Key}={p.Value}")) : "",
                r.Key[..Math.Min(16, r.Key.Length)], Word(r.Status) + (r.Reused ? " (reused)" : ""), Number(r.Attempts), r.Worker,
                Loss(r.Losses?.Total), Loss(r.Losses?.Content), Loss(r.Losses?.Style),
                r.Seconds is { } seconds ? seconds.ToString("F1", CultureInfo.InvariantCulture) : "",
                r.ErrorCode is { } code ? $"{code}: {r.Error}" : r.Error);
        }
        FarmTables.Write(output, table);
        foreach (var grid in sweep.Grids)
        {
            output.WriteLine(grid.Sha256 is null ? $"grid page {grid.Page + 1}: {grid.File} (not written yet)" : $"grid page {grid.Page + 1}: {grid.File}");
        }
    }

    private static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Loss(double? value) => value?.ToString("G4", CultureInfo.InvariantCulture) ?? "";
}
