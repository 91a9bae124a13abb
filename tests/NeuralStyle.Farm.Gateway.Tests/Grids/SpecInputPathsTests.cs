using NeuralStyle.Farm.Contracts.Storage;
using NeuralStyle.Farm.Gateway.Grids;
using NeuralStyle.Farm.Gateway.Tests.Export;

namespace NeuralStyle.Farm.Gateway.Tests.Grids;

/// <summary>A gateway spec's sha256: names turned into the blobs' local files, and nothing else accepted.</summary>
public sealed class SpecInputPathsTests : IDisposable
{
    private readonly TinySweep _sweep = new();

    [Fact]
    public async Task Every_input_named_by_hash_becomes_its_blobs_local_file()
    {
        var init = _sweep.Blobs.Put([1, 2, 3]);
        var spec = _sweep.SpecJson.Replace("\"iterations\": 2,", $"\"iterations\": 2, \"init\": \"sha256:{init}\",", StringComparison.Ordinal);

        var (resolved, sha256OfPath) = await SpecInputPaths.ResolveAsync(spec, _sweep.Blobs, CancellationToken.None);

        var paths = new Dictionary<string, string>();
        foreach (var sha256 in _sweep.Contents.Append(_sweep.Style).Append(_sweep.Weights).Append(init))
        {
            paths[sha256] = await _sweep.Blobs.LocalPathAsync(sha256, CancellationToken.None);
        }
        string PathOf(string sha256) => paths[sha256];
        Assert.Equal(_sweep.Contents.Select(PathOf), resolved.Contents);
        Assert.Equal(PathOf(_sweep.Style), Assert.Single(Assert.Single(resolved.Styles)));
        var settings = resolved.Settings.ToDictionary(s => s.Key, s => s.Value.Items[0]);
        Assert.Equal((PathOf(_sweep.Weights), PathOf(init)), (settings["weights"], settings["init"]));
        Assert.Equal(5, sha256OfPath.Count);
        Assert.Equal(init, sha256OfPath[PathOf(init)]);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("chelsea.png")]
    [InlineData("sha256:ABCDEF")]
    public async Task A_spec_naming_anything_but_a_hash_is_refused(string content)
    {
        var spec = _sweep.SpecJson.Replace($"sha256:{_sweep.Contents[0]}", content, StringComparison.Ordinal);

        await Assert.ThrowsAsync<InvalidOperationException>(() => SpecInputPaths.ResolveAsync(spec, _sweep.Blobs, CancellationToken.None));
    }

    [Fact]
    public async Task A_hash_the_store_does_not_hold_is_not_found()
    {
        var spec = _sweep.SpecJson.Replace(_sweep.Style, new string('a', 64), StringComparison.Ordinal);

        await Assert.ThrowsAsync<BlobNotFoundException>(() => SpecInputPaths.ResolveAsync(spec, _sweep.Blobs, CancellationToken.None));
    }

    public void Dispose() => _sweep.Dispose();
}
