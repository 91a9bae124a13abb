using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.IO;

public sealed class OutputPathsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _content;
    private readonly string _style;
    private readonly string _weights;

    public OutputPathsTests()
    {
        _content = Existing("content.png");
        _style = Existing("style.png");
        _weights = Existing("w.safetensors");
    }

    private string Existing(string name)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, name);
        return path;
    }

    private RenderRequest Request(string init = "content", int saveEvery = 0) =>
        new(_content, [_style], new RenderSettings { Weights = _weights, Init = init, SaveEvery = saveEvery });

    private OutputFileException Refused(string outPath, string? reportPath = null, RenderRequest? request = null) =>
        Assert.Throws<OutputFileException>(() => OutputPaths.RequireRenderOutputs(request ?? Request(), outPath, reportPath));

    [Fact]
    public void An_output_that_is_the_content_image_is_refused_however_it_is_spelled()
    {
        Assert.Contains("is the content image", Refused(_content).Message);
        Assert.Contains("is the content image", Refused(Path.Combine(_directory.Path, ".", "content.png")).Message);
        Assert.Equal("content.png", File.ReadAllText(_content));
    }

    [Fact]
    public void An_output_that_is_a_link_or_hard_link_to_an_input_is_refused()
    {
        var link = _directory.File("out.png");
        File.CreateSymbolicLink(link, _style);
        Assert.Contains("is the style image", Refused(link).Message);

        var hardLink = _directory.File("hard.png");
        using (var ln = System.Diagnostics.Process.Start("ln", [_content, hardLink]))
        {
            Assert.True(ln.WaitForExit(10_000), "ln did not finish within 10 s");
        }
        Assert.Contains("is the content image", Refused(hardLink).Message);
    }

    [Fact]
    public void A_report_that_is_an_input_or_the_output_is_refused()
    {
        Assert.Contains("--report", Refused(_directory.File("out.png"), _weights).Message);
        var same = Refused(_directory.File("out.png"), Path.Combine(_directory.Path, "sub", "..", "out.png"));
        Assert.Contains("are the same file", same.Message);
    }

    [Fact]
    public void The_init_image_and_the_weights_file_are_inputs_too()
    {
        var init = Existing("init.png");
        Assert.Contains("is the init image", Refused(init, request: Request(init: init)).Message);
        Assert.Contains("is the weights file", Refused(_weights).Message);
    }

    [Fact]
    public void An_input_named_as_a_snapshot_of_the_output_is_refused_when_snapshots_are_written()
    {
        var snapshot = _directory.File("out.iter0010.png");
        File.Move(_style, snapshot);
        var request = new RenderRequest(_content, [snapshot], new RenderSettings { Weights = _weights, SaveEvery = 10 });

        var error = Assert.Throws<OutputFileException>(() => OutputPaths.RequireRenderOutputs(request, _directory.File("out.png"), null));
        Assert.Contains("save_every", error.Message);
        // Without save_every nothing is written under that name.
        OutputPaths.RequireRenderOutputs(request with { Settings = request.Settings with { SaveEvery = 0 } }, _directory.File("out.png"), null);
    }

    [Fact]
    public void Distinct_outputs_beside_their_inputs_are_accepted()
    {
        OutputPaths.RequireRenderOutputs(Request(saveEvery: 1), _directory.File("out.png"), _directory.File("trace.json"));
        Assert.Equal(3, Directory.GetFiles(_directory.Path).Length);
    }

    public void Dispose() => _directory.Dispose();
}
