using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

[Collection(EngineCollection.Name)]
public sealed class SweepInputsTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    [Fact]
    public void An_init_file_that_is_not_an_image_fails_the_sweep_before_anything_is_written()
    {
        var broken = _scratch.File("broken-init.png");
        File.WriteAllText(broken, "not a png at all");
        var plan = SweepTestPlans.Plan(fixture, $"  init: [content, {broken}, noise]\n");
        var target = _scratch.File("sweep");
        using var engine = new StyleTransfer();

        var error = Assert.Throws<ImageUnreadableException>(() => new SweepRunner(engine, 4).Run(plan, target));

        Assert.Contains("broken-init.png", error.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void The_init_image_counts_in_the_key_by_its_bytes_not_its_path()
    {
        var first = _scratch.File("first.png");
        var copy = _scratch.File("copy.png");
        File.Copy(fixture.Style32, first);
        File.Copy(fixture.Style32, copy);
        var plan = SweepTestPlans.Plan(fixture, $"  init: [{first}, {copy}, {fixture.Content32}]\n");

        var inputs = new SweepInputs(plan);

        var keys = plan.Points.Select(inputs.KeyOf).ToArray();
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    public void Dispose() => _scratch.Dispose();
}
