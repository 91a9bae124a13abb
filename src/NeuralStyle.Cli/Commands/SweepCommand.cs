using System.CommandLine;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf sweep [SPEC] [--content A] [--style B] [--axis NAME=V1;V2] [--preset P] [--SETTING v] --out DIR</c>:
/// renders every point of a sweep on the embedded engine and lays out its comparison grids.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var spec = new Argument<string?>("spec") { Description = "sweep spec, YAML or JSON (optional when --content and --style are given)", Arity = ArgumentArity.ZeroOrOne };
        var content = new Option<string[]>("--content") { Description = "content image(s); one grid page each; replaces the spec's", AllowMultipleArgumentsPerToken = true };
        var style = new Option<string[]>("--style") { Description = "style image(s); one grid page each; replaces the spec's", AllowMultipleArgumentsPerToken = true };
        var axis = new Option<string[]>("--axis") { Description = "an axis as NAME=V1;V2;... (list values use commas: style_layers=relu1_1;relu1_1,relu2_1); repeatable, after the spec's axes" };
        var preset = new Option<string?>("--preset") { Description = $"named axes placed first: {string.Join(", ", SweepPresets.All.Keys)}" };
        var outDir = new Option<string>("--out") { Description = "directory for renders/, the grid pages and sweep.json; rerunning into it renders only what is missing or failed", Required = true };
        var maxRenders = new Option<int>("--max-renders") { Description = $"refuse sweeps that expand to more renders (1 to {SweepSpecLimits.MaxRendersCeiling})", DefaultValueFactory = _ => SweepPlanner.DefaultMaxRenders };
        var batchSize = new Option<int>("--batch-size") { Description = "renders optimised together when they differ only in weights or seed", DefaultValueFactory = _ => 4 };
        var settings = new SettingOptions();
        var command = new Command("sweep", "Render a sweep (a grid over settings) on the embedded engine and write comparison grids")
        {
            spec, content, style, axis, preset, outDir, maxRenders, batchSize,
        };
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            var sweep = SweepSpecBuilder.Build(parse.GetValue(spec), parse.GetValue(content), parse.GetValue(style),
                parse.GetValue(preset), parse.GetValue(axis));
            var plan = SweepPlanner.Expand(sweep, settings.Given(parse), parse.GetValue(maxRenders));
            var directory = parse.GetValue(outDir)!;
            OutputPaths.RequireSweepOutputs(plan, directory);
            using var engine = new StyleTransfer();
            var runner = new SweepRunner(engine, parse.GetValue(batchSize));
            var outcome = SweepProgressView.Run(output, observer => runner.Run(plan, directory, observer, interrupt));
            return Summarise(outcome, directory, output, error);
        });
        return command;
    }

    private static int Summarise(SweepOutcome outcome, string directory, TextWriter output, TextWriter error)
    {
        var m = outcome.Manifest;
        output.WriteLine($"{outcome.Rendered} rendered, {outcome.Reused} already done, {outcome.Failed} failed; " +
            $"VGG-19 loaded {m.ModelLoads}x, targets computed {m.TargetsComputed}, reused {m.TargetsReused}");
        foreach (var grid in m.Grids)
        {
            output.WriteLine($"grid: {Path.Combine(directory, grid.File)}");
        }
        output.WriteLine($"manifest: {Path.Combine(directory, SweepManifest.FileName)}");
        if (outcome.Cancelled)
        {
            error.WriteLine("nsf: sweep interrupted; finished renders are kept, run the same command again to render the rest");
            return ExitCodes.Cancelled;
        }
        foreach (var problem in outcome.GridErrors)
        {
            error.WriteLine($"nsf: grid page not written: {problem}");
        }
        if (outcome.Failed > 0)
        {
            error.WriteLine($"nsf: {outcome.Failed} render(s) failed (marked in the grid and in sweep.json); run again to retry them");
        }
        if (outcome.Failed > 0 || outcome.GridErrors.Count > 0)
        {
            return ExitCodes.PartialFailure;
        }
        return ExitCodes.Success;
    }
}
