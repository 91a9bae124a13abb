using System.CommandLine;
using NeuralStyle.Cli.Farm;
using NeuralStyle.Cli.Hosting;
using NeuralStyle.Engine;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Worker;

namespace NeuralStyle.Cli.Commands;

/// <summary>
/// <c>nsf sweep [SPEC] [--content A] [--style B] [--axis NAME=V1;V2] [--preset P] [--SETTING v] --out DIR</c>:
/// runs the embedded farm in this process (the gateway with its store under DIR/.nsf, one worker,
/// loopback only) and submits the sweep to it exactly as <c>nsf submit --wait --out DIR</c> would:
/// one orchestration, whether the farm is in this process or on a cluster.
/// </summary>
internal static class SweepCommand
{
    /// <summary>The farm's database and blobs inside the sweep directory; a rerun continues from them.</summary>
    public const string FarmFolder = ".nsf";

    public static Command Create(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var spec = new Argument<string?>("spec") { Description = "sweep spec, YAML or JSON (optional when --content and --style are given)", Arity = ArgumentArity.ZeroOrOne };
        var content = new Option<string[]>("--content") { Description = "content image(s); one grid page each; replaces the spec's", AllowMultipleArgumentsPerToken = true };
        var style = new Option<string[]>("--style") { Description = "style image(s); one grid page each; replaces the spec's", AllowMultipleArgumentsPerToken = true };
        var axis = new Option<string[]>("--axis") { Description = "an axis as NAME=V1;V2;... (list values use commas: style_layers=relu1_1;relu1_1,relu2_1); repeatable, after the spec's axes" };
        var preset = new Option<string?>("--preset") { Description = $"named axes placed first: {string.Join(", ", SweepPresets.All.Keys)}" };
        var outDir = new Option<string>("--out") { Description = "directory for renders/, the grid pages and sweep.json (the farm's state is kept in DIR/.nsf); rerunning into it renders only what is missing or failed", Required = true };
        var maxRenders = new Option<int>("--max-renders") { Description = $"refuse sweeps that expand to more renders (1 to {SweepSpecLimits.MaxRendersCeiling})", DefaultValueFactory = _ => SweepPlanner.DefaultMaxRenders };
        var batchSize = new Option<int>("--batch-size") { Description = "renders optimised together when they differ only in weights or seed", DefaultValueFactory = _ => 4 };
        var settings = new SettingOptions();
        var command = new Command("sweep", "Render a sweep (a grid over settings) on the embedded farm and write comparison grids")
        {
            spec, content, style, axis, preset, outDir, maxRenders, batchSize,
        };
        settings.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var sweep = SweepSpecBuilder.Build(parse.GetValue(spec), parse.GetValue(content), parse.GetValue(style),
                parse.GetValue(preset), parse.GetValue(axis));
            var merged = SubmissionSpec.WithDefaultWeights(SubmissionSpec.Merge(sweep, settings.Given(parse)), WeightsLocation.Default);
            var limit = parse.GetValue(maxRenders);
            var plan = SweepPlanner.Expand(merged, [], limit);
            var directory = parse.GetValue(outDir)!;
            OutputPaths.RequireSweepOutputs(plan, directory);
            var device = DeviceOf(plan);
            RequireMemory(plan);
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{plan.Points.Count} renders on {plan.Pages.Count} grid page{(plan.Pages.Count == 1 ? "" : "s")}"));
            CreateDirectory(directory);
            using var directoryLock = SweepDirectoryLock.Acquire(directory);
            var farm = new FarmHostSettings("http://127.0.0.1:0", Path.Combine(directory, FarmFolder), [], null,
                new WorkerOptions { Count = 1, Device = device }) 
            {
                MaxBatchSize = Math.Max(1, parse.GetValue(batchSize)),
                LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            };
            await using var app = FarmHost.Build(farm);
            await app.StartAsync(CancellationToken.None);
            try
            {
                using var client = new FarmClient(new Uri(FarmHost.Addresses(app)[0]), apiKey: null);
                var submitter = new SweepSubmitter(client, output, error) { Embedded = true };
                return await submitter.RunAsync(merged, limit, wait: true, directory, interrupt);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    /// <summary>
    /// The device of the embedded worker. Devices belong to workers in the farm, not to renders (a
    /// render's key leaves the device out), so one sweep runs on one device.
    /// </summary>
    private static string DeviceOf(SweepPlan plan)
    {
        var devices = plan.Points.Select(p => p.Request.Settings.Device).Distinct(StringComparer.Ordinal).ToArray();
        return devices.Length == 1
            ? devices[0]
            : throw new InvalidSettingException("device", $"the sweep names {devices.Length} devices ({string.Join(", ", devices)}); a sweep renders on its workers' device: run one sweep per device");
    }

    /// <summary>Refused before anything is written when the largest render cannot fit the device (exit 4), as the worker would find out only later.</summary>
    private static void RequireMemory(SweepPlan plan)
    {
        using var engine = new Engine.Rendering.StyleTransfer();
        new SweepInputs(plan).RequireMemory(plan, engine);
    }

    private static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"cannot create the sweep directory '{path}': {e.Message}", e);
        }
    }
}
