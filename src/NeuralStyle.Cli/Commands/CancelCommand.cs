using System.CommandLine;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Farm.Contracts;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf cancel SWEEP|RENDER [--gateway URL]</c>: a GUID names a sweep, 64 hex digits a render. One
/// already finished is not an error (exit 0, "already finished"): after the command nothing of it
/// runs, which is what was asked. An unknown one is exit 3.
/// </summary>
internal static class CancelCommand
{
    public static Command Create(TextWriter output)
    {
        var target = new Argument<string>("target") { Description = "a sweep's id (GUID) or a render's key (64 hex digits)" };
        target.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Guid.TryParse(text, out _) && !Sha256Hex.IsWellFormed(text))
            {
                result.AddError($"'{text}' is neither a sweep id (a GUID) nor a render key (64 lower-case hex digits)");
            }
        });
        var gateway = new GatewayClientOptions();
        var command = new Command("cancel", "Cancel a sweep (its unfinished renders) or one render; a running render stops within an iteration") { target };
        gateway.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = gateway.Client(parse);
            var text = parse.GetValue(target)!;
            var (what, accepted) = Guid.TryParse(text, out var id)
                ? ($"sweep {id}", await client.CancelSweepAsync(id, cancellationToken))
                : ($"render {text}", await client.CancelRenderAsync(text, cancellationToken));
            output.WriteLine(accepted
                ? $"cancelling {what}: its unfinished renders stop within an iteration"
                : $"{what} has already finished; nothing to cancel");
            return ExitCodes.Success;
        });
        return command;
    }
}
