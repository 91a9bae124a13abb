using System.Security.Cryptography;
using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Weights;

/// <summary>
/// Downloads VGG-19 weights, hashing while streaming, and keeps the file only when it is complete,
/// matches the expected SHA-256 (when one is given) and loads as VGG-19. What is asked for is
/// checked before connecting; the download is bounded in size and in how long it may stall.
/// </summary>
public static class WeightsDownloader
{
    /// <summary>torchvision's ImageNet VGG-19 as safetensors, published by timm.</summary>
    public const string DefaultUrl = "https://huggingface.co/timm/vgg19.tv_in1k/resolve/main/model.safetensors";

    /// <summary>A download larger than this is abandoned (the weights reader's own limit).</summary>
    public const long MaxBytes = SafetensorsFile.MaxFileBytes;

    /// <summary>A download that receives nothing for this long (response headers included) is abandoned.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A download still running after this long is abandoned, however it trickles (about 75 KiB/s for VGG-19's 548 MB).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>; reports (bytes so far, total or null).</summary>
    public static async Task<string> DownloadAsync(string url, string path, string? expectedSha256,
        Action<long, long?>? onProgress, CancellationToken cancellationToken)
    {
        var source = RequireHttpUrl(url);
        RequireSha256(expectedSha256);
        OutputProbe.RequireCreatable("--out", path);
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        string sha256 = "";
        try
        {
            using var response = await Within(IdleTimeout, url, cancellationToken,
                token => http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, token));
            response.EnsureSuccessStatusCode();
            var total = response.Content.Headers.ContentLength;
            if (total > MaxBytes)
            {
                throw new DownloadFailedException(
                    $"{url} offers {InputFiles.Describe(total.Value)}, over the limit of {InputFiles.Describe(MaxBytes)} for a weights file; nothing was written to '{path}'");
            }
            await using var body = await Within(IdleTimeout, url, cancellationToken, response.Content.ReadAsStreamAsync);
            AtomicFile.WriteWith(path, temporary =>
            {
                sha256 = Receive(body, temporary, url, path, total, onProgress, cancellationToken);
                if (expectedSha256 is not null && !string.Equals(sha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new DownloadFailedException(
                        $"the file downloaded from {url} has SHA-256 {sha256}, expected {expectedSha256}; nothing was written to '{path}'");
                }
                try
                {
                    Vgg19Weights.Load(temporary, 16);
                }
                catch (WeightsFileException e)
                {
                    // The temporary file is an internal name, gone by the time the user reads this.
                    var why = e.Message.Replace($"weights file '{temporary}'", "it", StringComparison.Ordinal);
                    throw new DownloadFailedException(
                        $"the file downloaded from {url} is not usable VGG-19 weights ({why}); nothing was written to '{path}'", e);
                }
            });
        }
        catch (HttpRequestException e)
        {
            throw new DownloadFailedException(
                $"cannot download weights from {url}: {e.Message}. Without network access, copy a VGG-19 .safetensors file with torchvision key names to this machine and pass --weights PATH (or set NSF_WEIGHTS)", e);
        }
        return sha256;
    }

    /// <summary>Only absolute http and https URLs are fetched: a file path or another scheme is a usage error, not a crash.</summary>
    private static Uri RequireHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri
            : throw new InvalidSettingException("url", $"'{url}' is not an http or https URL (for a local file, pass it with --weights instead)");

    private static void RequireSha256(string? sha256)
    {
        if (sha256 is not null && (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit)))
        {
            throw new InvalidSettingException("sha256", $"'{sha256}' is not a SHA-256 (64 hexadecimal digits)");
        }
    }

    private static string Receive(Stream body, string temporary, string url, string path, long? total,
        Action<long, long?>? onProgress, CancellationToken cancellationToken)
    {
        using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long done = 0;
        int read;
        while ((read = ReadWithin(body, buffer, url, cancellationToken)) > 0)
        {
            done += read;
            if (clock.Elapsed > MaxDuration)
            {
                throw new DownloadFailedException(
                    $"download from {url} took longer than {MaxDuration.TotalHours:F0} h ({InputFiles.Describe(done)} received); nothing was written to '{path}'");
            }
            if (done > MaxBytes)
            {
                throw new DownloadFailedException(
                    $"download from {url} passed the limit of {InputFiles.Describe(MaxBytes)} for a weights file; nothing was written to '{path}'");
            }
            file.Write(buffer, 0, read);
            hash.AppendData(buffer, 0, read);
            onProgress?.Invoke(done, total);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>One read of the body; a dropped or stalled connection is a failed download, not an output error.</summary>
    private static int ReadWithin(Stream body, byte[] buffer, string url, CancellationToken cancellationToken)
    {
        try
        {
            return Within(IdleTimeout, url, cancellationToken, token => body.ReadAsync(buffer, token).AsTask()).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new DownloadFailedException($"download from {url} broke off: {e.Message}; nothing was kept", e);
        }
    }

    /// <summary>Runs one network step that must make progress within <paramref name="idle"/>.</summary>
    private static async Task<T> Within<T>(TimeSpan idle, string url, CancellationToken cancellationToken, Func<CancellationToken, Task<T>> step)
    {
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(idle);
        try
        {
            return await step(stalled.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFailedException($"download from {url} stalled: nothing received for {idle.TotalSeconds:F0} s; nothing was kept");
        }
    }
}
