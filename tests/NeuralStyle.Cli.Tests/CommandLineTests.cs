using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class CommandLineTests(CliFixture fixture)
{
    [Fact]
    public void Help_lists_the_commands()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "render", "sweep", "weights", "inspect", "info" })
        {
            Assert.Contains(command, run.Output);
        }
    }

    [Fact]
    public void Render_help_documents_every_setting_with_its_default()
    {
        var run = CliRun.Of("render --help");
        foreach (var definition in Engine.Settings.SettingCatalog.All)
        {
            Assert.Contains(definition.OptionName, run.Output);
        }
        Assert.Contains("[default: relu4_2]", run.Output);
    }

    [Fact]
    public void The_readme_documents_every_setting_and_command()
    {
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CliFixture.Examples)!, "README.md"));
        foreach (var definition in Engine.Settings.SettingCatalog.All)
        {
            Assert.Contains($"| `{definition.Name}` |", readme);
        }
        foreach (var command in new[] { "./nsf render", "./nsf sweep", "./nsf weights random", "./nsf weights download", "./nsf weights info", "./nsf inspect", "./nsf info" })
        {
            Assert.Contains(command, readme);
        }
    }

    [Fact]
    public void Info_reports_libtorch_and_an_optimised_blas()
    {
        var run = CliRun.Of("info");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"torch\"", run.Output);
        Assert.Contains("openblas", run.Output);
    }

    [Fact]
    public void Inspect_prints_the_settings_an_output_carries()
    {
        var dir = fixture.NewDirectory();
        Assert.Equal(0, CliRun.Of($"render --content {fixture.Content} --style {fixture.Style} {fixture.Tiny} --seed 77 --out {dir}/o.png").ExitCode);
        var run = CliRun.Of($"inspect {dir}/o.png");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"seed\": 77", run.Output);
        Assert.Contains("\"weights_sha256\"", run.Output);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var run = CliRun.Of("paint --now");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("paint", run.Error);
    }
}
