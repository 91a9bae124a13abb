using System.Text.Json.Nodes;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Sweeps;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Sweeps;

/// <summary>What a rerun trusts of an earlier run: only intact images under the names their keys give.</summary>
[Collection(EngineCollection.Name)]
public sealed class FinishedRendersTests(EngineFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _out = new();

    private SweepOutcome Run(SweepPlan plan)
    {
        using var engine = new StyleTransfer();
        return new SweepRunner(engine, 4).Run(plan, _out.Path);
    }

    [Fact]
    public void A_truncated_render_is_rendered_again_and_only_that_one()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-3, 1e-2]\n");
        var first = Run(plan);
        var truncated = Path.Combine(_out.Path, first.Manifest.Renders[1].Image!);
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var again = Run(plan);

        Assert.Equal((1, 2), (again.Rendered, again.Reused));
        Assert.Equal((32, 24), ImageFile.Probe(truncated));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(truncated))),
            again.Manifest.Renders[1].ImageSha256);
    }

    [Fact]
    public void A_directory_written_with_the_old_status_words_resumes_reusing_its_done_renders()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-3, 1e-2]\n");
        Run(plan);
        // What nsf sweep wrote before the farm's words: done and pending.
        var manifestPath = Path.Combine(_out.Path, SweepManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var renders = manifest["renders"]!.AsArray();
        renders[0]!["status"] = "done";
        renders[1]!["status"] = "done";
        renders[2]!["status"] = "pending";
        renders[2]!.AsObject().Remove("image");
        renders[2]!.AsObject().Remove("image_sha256");
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var again = Run(plan);

        Assert.Equal((1, 2), (again.Rendered, again.Reused));
        var written = JsonNode.Parse(File.ReadAllText(manifestPath))!["renders"]!.AsArray();
        Assert.All(written, r => Assert.Equal("succeeded", (string?)r!["status"]));
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public void A_manifest_pointing_a_render_at_an_image_outside_the_directory_is_not_trusted(string how)
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-2]\n");
        var first = Run(plan);
        using var elsewhere = new TemporaryDirectory();
        var secret = elsewhere.File("secret.png");
        var red = new RgbImage(32, 24, [.. Enumerable.Repeat(1f, 32 * 24), .. new float[2 * 32 * 24]]);
        ImageFile.WritePng(secret, red, new Dictionary<string, string>());
        var manifestPath = Path.Combine(_out.Path, SweepManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["renders"]![0]!["image"] = how == "absolute" ? secret : Path.GetRelativePath(_out.Path, secret);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.Delete(Path.Combine(_out.Path, first.Manifest.Renders[0].Image!));

        var again = Run(plan);

        Assert.Equal((1, 1), (again.Rendered, again.Reused));
        Assert.Equal(first.Manifest.Renders[0].Image, again.Manifest.Renders[0].Image);
        var grid = again.Manifest.Grids[0];
        var cell = grid.Cells.Single(c => c.Column == 0);
        var gridPath = Path.Combine(_out.Path, grid.File);
        var (width, height) = ImageFile.Probe(gridPath);
        var page = ImageFile.Read(gridPath, width, height);
        var tile = ImageFile.Read(Path.Combine(_out.Path, again.Manifest.Renders[0].Image!), 32, 24);
        var middle = (cell.Y + 12) * width + cell.X + 16;
        Assert.Equal(tile.Pixels[12 * 32 + 16], page.Pixels[middle]);
        Assert.NotEqual((1f, 0f), (page.Pixels[middle], page.Pixels[page.PlaneLength + middle]));
    }

    [Fact]
    public void A_manifest_record_with_a_malformed_key_or_a_null_entry_is_ignored()
    {
        var plan = SweepTestPlans.Plan(fixture, "  alpha_beta: [1e-4, 1e-2]\n");
        Run(plan);
        var manifestPath = Path.Combine(_out.Path, SweepManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var renders = manifest["renders"]!.AsArray();
        renders.Add(null);
        var forged = renders[0]!.DeepClone();
        forged["key"] = "../../etc";
        renders.Add(forged);
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var again = Run(plan);

        Assert.Equal((0, 2), (again.Rendered, again.Reused));
    }

    public void Dispose() => _out.Dispose();
}
