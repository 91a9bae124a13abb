using NeuralStyle.Cli.Tests.Support;

namespace NeuralStyle.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class WeightsCommandTests(CliFixture fixture)
{
    [Fact]
    public void Random_weights_are_deterministic_and_info_lists_every_convolution()
    {
        var dir = fixture.NewDirectory();
        var a = CliRun.Of($"weights random --seed 9 --out {dir}/a.safetensors");
        var b = CliRun.Of($"weights random --seed 9 --out {dir}/b.safetensors");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Output.Split("sha256")[1], b.Output.Split("sha256")[1]);

        var info = CliRun.Of($"weights info {dir}/a.safetensors");
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("conv5_4  features.34.weight   F32 [512, 512, 3, 3]", info.Output);
        Assert.Contains("16 of 16 VGG-19 convolutions present", info.Output);
    }

    [Fact]
    public void Info_on_a_file_that_is_not_weights_is_an_input_error()
    {
        var path = Path.Combine(fixture.NewDirectory(), "x.safetensors");
        File.WriteAllText(path, "nope");
        var run = CliRun.Of($"weights info {path}");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not a safetensors file", run.Error);
    }

    [Fact]
    public void A_download_that_cannot_connect_fails_clearly_and_keeps_nothing()
    {
        var dir = fixture.NewDirectory();
        // Port 9 (discard) on loopback refuses the connection at once.
        var run = CliRun.Of($"weights download --url http://127.0.0.1:9/vgg19.safetensors --out {dir}/w.safetensors");
        Assert.Equal(7, run.ExitCode);
        Assert.Contains("cannot download weights", run.Error);
        Assert.Contains("--weights PATH", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Theory]
    [InlineData("notaurl")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/w.safetensors")]
    [InlineData("/tmp/w.safetensors")]
    public void A_url_that_is_not_http_or_https_is_a_usage_error(string url)
    {
        var dir = fixture.NewDirectory();
        var run = CliRun.Of($"weights download --url {url} --out {dir}/w.safetensors");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not an http or https URL", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    public void A_sha256_that_is_not_64_hex_digits_is_refused_before_connecting(string sha256)
    {
        var dir = fixture.NewDirectory();
        // Port 9 would refuse the connection (exit 7): a usage error shows nothing was attempted.
        var run = CliRun.Of($"weights download --url http://127.0.0.1:9/w.safetensors --sha256 {sha256} --out {dir}/w.safetensors");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("64 hexadecimal digits", run.Error);
    }

    [Fact]
    public void A_corrupt_download_fails_naming_the_url_and_destination_and_keeps_nothing()
    {
        var dir = fixture.NewDirectory();
        var body = System.Text.Encoding.ASCII.GetBytes("<html>not weights</html>");
        using var server = new OneShotHttpServer([$"Content-Length: {body.Length}"], body);

        var run = CliRun.Of($"weights download --url {server.Url} --out {dir}/w.safetensors");

        Assert.Equal(7, run.ExitCode);
        Assert.Contains(server.Url, run.Error);
        Assert.Contains($"{dir}/w.safetensors", run.Error);
        Assert.DoesNotContain(".tmp", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_download_announcing_more_than_the_limit_is_refused_without_reading_it()
    {
        var dir = fixture.NewDirectory();
        using var server = new OneShotHttpServer(["Content-Length: 3221225472"], new byte[1024]);

        var run = CliRun.Of($"weights download --url {server.Url} --out {dir}/w.safetensors");

        Assert.Equal(7, run.ExitCode);
        Assert.Contains("over the limit of 2 GiB", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
