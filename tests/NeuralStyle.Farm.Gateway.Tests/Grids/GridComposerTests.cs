using System.Text.Json;
using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Grids;
using NeuralStyle.Farm.Gateway.Tests.Export;

namespace NeuralStyle.Farm.Gateway.Tests.Grids;

/// <summary>Grid pages drawn from the farm's state: tiles from result blobs, other cells by status, inputs by the user's names.</summary>
public sealed class GridComposerTests : IDisposable
{
    private readonly TinySweep _sweep = new();
    private readonly TemporaryDirectory _dir = new();

    [Fact]
    public async Task Every_page_is_drawn_with_each_result_pixel_for_pixel_in_its_cell()
    {
        var document = _sweep.Document();

        var grids = await Compose(document, _dir.Path);

        Assert.Equal(["grid-01-chelsea-brick.png", "grid-02-hubble-brick.png"], grids.Select(g => g.File));
        foreach (var cell in document.Cells)
        {
            var grid = grids[cell.Page];
            var placed = grid.Cells.Single(c => (c.Row, c.Column) == (cell.Row, cell.Column));
            Assert.Equal((cell.Key, RenderStatus.Succeeded, TinySweep.ResultWidth, TinySweep.ResultHeight), (placed.Key, placed.Status, placed.Width, placed.Height));
            var expected = TinySweep.Result(cell.Index);
            Assert.Equal(Pixel(expected, 32, 24), Pixel(Page(grid), placed.X + 32, placed.Y + 24));
        }
    }

    [Fact]
    public async Task A_failed_cell_shows_its_error_on_the_failed_colour_instead_of_a_tile()
    {
        var document = _sweep.Document(i => i == 1 ? FarmRenderStatus.Failed : FarmRenderStatus.Succeeded);
        using var without = new TemporaryDirectory();
        var silent = document with { Cells = [.. document.Cells.Select(c => c.Index == 1 ? c with { Error = null } : c)] };

        var grid = (await Compose(document, _dir.Path))[0];
        var silentGrid = (await Compose(silent, without.Path))[0];

        var failed = grid.Cells.Single(c => c.Key == document.Cells[1].Key);
        Assert.Equal(RenderStatus.Failed, failed.Status);
        var page = Page(grid);
        Assert.Equal(Rgb.FailedFill, Pixel(page, failed.X + 1, failed.Y + failed.Height - 2));
        // The same page with no error text differs only inside that cell: the error is what is drawn there.
        var silentPage = Page(silentGrid, without.Path);
        Assert.Equal((page.Width, page.Height), (silentPage.Width, silentPage.Height));
        var differing = Enumerable.Range(0, page.PlaneLength).Where(i => page.Pixels[i] != silentPage.Pixels[i]).ToArray();
        Assert.NotEmpty(differing);
        Assert.All(differing, i => Assert.True(
            i % page.Width >= failed.X && i % page.Width < failed.X + failed.Width && i / page.Width >= failed.Y && i / page.Width < failed.Y + failed.Height,
            $"pixel {i % page.Width},{i / page.Width} outside the failed cell changed with its error"));
    }

    [Fact]
    public async Task A_page_records_the_users_names_and_never_a_blob_path()
    {
        var grids = await Compose(_sweep.Document(), _dir.Path);

        var text = PngText.Read(Path.Combine(_dir.Path, grids[0].File)).GetValueOrDefault("neuralstyle:grid");
        Assert.NotNull(text);
        using var record = JsonDocument.Parse(text);
        Assert.Equal("chelsea.png", record.RootElement.GetProperty("content").GetString());
        Assert.Equal(["brick.png"], record.RootElement.GetProperty("style").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(_sweep.Blobs.Directory, text, StringComparison.Ordinal);
        Assert.Equal("chelsea.png", grids[0].Content);
        Assert.Equal(["brick.png"], grids[0].Style);
    }

    public void Dispose()
    {
        _dir.Dispose();
        _sweep.Dispose();
    }

    private async Task<IReadOnlyList<SweepGridRecord>> Compose(SweepDocument document, string directory)
    {
        var planned = await PlannedSweep.PlanAsync(document, _sweep.Blobs, CancellationToken.None);
        return await GridComposer.WriteAsync(document, planned, _sweep.Blobs, directory, CancellationToken.None);
    }

    private RgbImage Page(SweepGridRecord grid, string? directory = null)
    {
        var path = Path.Combine(directory ?? _dir.Path, grid.File);
        var (width, height) = ImageFile.Probe(path);
        return ImageFile.Read(path, width, height);
    }

    private static Rgb Pixel(RgbImage image, int x, int y)
    {
        int Channel(int c) => (int)Math.Round(image.Pixels[c * image.PlaneLength + y * image.Width + x] * 255);
        return new Rgb(Channel(0), Channel(1), Channel(2));
    }
}
