using System.CommandLine;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf submit [SPEC] [--content A] [--style B] [--axis NAME=V1;V2] [--preset P] [--SETTING v] [--gateway URL] [--wait [--out DIR]]</c>:
/// sends a sweep to a gateway, uploading only the inputs it lacks; with --wait follows it live and
/// writes what <c>nsf sweep</c> writes.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var spec = new Argument<string?>("spec") { Description = "sweep spec, YAML or JSON, as nsf sweep reads it (optional when --content and --style are given)", Arity = ArgumentArity.ZeroOrOne };
        var content = new Option<string[]>("--content") { Description = "content image(s); one grid page each; replaces the spec's", AllowMultipleArgumentsPerToken = true };
        var style = new Option<string[]>("--style") { Description = "style image(s); one grid page each; replaces the spec's", AllowMultipleArgumentsPerToken = true };
        var axis = new Option<string[]>("--axis") { Description = "an axis as NAME=V1;V2;... (list values use commas); repeatable, after the spec's axes" };
        var preset = new Option<string?>("--preset") { Description = $"named axes placed first: {string.Join(", ", SweepPresets.All.Keys)}" };
        var maxRenders = new Option<int>("--max-renders") { Description = $"refuse sweeps that expand to more renders (1 to {SweepSpecLimits.MaxRendersCeiling}; the gateway has its own limit too)", DefaultValueFactory = _ => SweepPlanner.DefaultMaxRenders };
        var wait = new Option<bool>("--wait") { Description = "follow the sweep live until it ends (bars on a terminal, lines otherwise); exit 0 when every render succeeded, 6 when some failed" };
        var outDir = new Option<string?>("--out") { Description = "with --wait: write sweep.json, renders/ and the grid pages here, as nsf sweep --out does" };
        var gateway = new GatewayClientOptions();
        var settings = new SettingOptions();
        var command = new Command("submit", "Submit a sweep to a gateway (nsf serve): uploads the inputs it lacks, prints the sweep's id; --wait follows it live")
        {
            spec, content, style, axis, preset, maxRenders, wait, outDir,
        };
        gateway.AddTo(command);
        settings.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(outDir) is not null && !result.GetValue(wait))
            {
                result.AddError("--out needs --wait: the results are written once the sweep has finished");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sweep = SweepSpecBuilder.Build(parse.GetValue(spec), parse.GetValue(content), parse.GetValue(style),
                parse.GetValue(preset), parse.GetValue(axis));
            var merged = SubmissionSpec.WithDefaultWeights(SubmissionSpec.Merge(sweep, settings.Given(parse)), WeightsLocation.Default);
            using var client = gateway.Client(parse);
            var submitter = new SweepSubmitter(client, output, error);
            return await submitter.RunAsync(merged, parse.GetValue(maxRenders), parse.GetValue(wait), parse.GetValue(outDir), cancellationToken);
        });
        return command;
    }
}
