using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Grids;

[Collection(EngineCollection.Name)]
public sealed class ComparisonGridTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    [Fact]
    public void A_page_over_its_bounds_scales_its_tiles_down_and_records_the_scale()
    {
        // 600 columns of 32 px tiles and 8 px gaps: 24,000 px wide at their own size.
        var columns = new SweepAxis("seed", Enumerable.Range(0, 600).Select(i => SettingValue.Of($"{i}")).ToArray());
        var page = new GridPage(0, fixture.Content32, [fixture.Style32], [], null, columns);
        var cells = Enumerable.Range(0, 600).Select(c => new GridCell(0, c, $"k{c}", RenderStatus.Succeeded, fixture.Content32, null)).ToArray();
        var path = Path.Combine(_out.Path, "wide.png");

        var record = ComparisonGrid.Write(path, "wide.png", page, cells, "wide", "footer");

        Assert.InRange(record.Scale, 0.3, 0.99);
        var (width, height) = ImageFile.Probe(path);
        Assert.InRange(width, 10_000, GridPageBounds.MaxSide);
        Assert.True(GridPageBounds.Fits(width, height));
        Assert.All(record.Cells, c => Assert.Equal(((int)(32 * record.Scale), (int)(24 * record.Scale)), (c.Width, c.Height)));
    }

    [Fact]
    public void Page_bounds_cap_each_side_and_the_area()
    {
        Assert.True(GridPageBounds.Fits(16384, 8192));
        Assert.False(GridPageBounds.Fits(16385, 10));
        Assert.False(GridPageBounds.Fits(12000, 12000));
        Assert.False(GridPageBounds.Fits(1000L * 8192, 8192));
    }

    public void Dispose() => _out.Dispose();

    private static KeyValuePair<string, SettingValue> Setting(string name, string value) => KeyValuePair.Create(name, SettingValue.Of(value));
}
