using System.Security.Cryptography;
using NeuralStyle.Engine.IO;

namespace NeuralStyle.Engine.Weights;

/// <summary>
/// Downloads VGG-19 weights, hashing while streaming, and keeps the file only when it is complete,
/// matches the expected SHA-256 (when one is given) and loads as VGG-19.
/// </summary>
public static class WeightsDownloader
{
    /// <summary>torchvision's ImageNet VGG-19 as safetensors, published by timm.</summary>
    public const string DefaultUrl = "https://huggingface.co/timm/vgg19.tv_in1k/resolve/main/model.safetensors";

    /// <summary>A download that receives nothing for this long is abandoned.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>; reports (bytes so far, total or null).</summary>
    public static async Task<string> DownloadAsync(string url, string path, string? expectedSha256,
        Action<long, long?>? onProgress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        string sha256 = "";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var total = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            AtomicFile.WriteWith(path, temporary =>
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    var buffer = new byte[1 << 20];
                    long done = 0;
                    int read;
                    while ((read = ReadWithin(body, buffer, IdleTimeout, url, cancellationToken)) > 0)
                    {
                        file.Write(buffer, 0, read);
                        hash.AppendData(buffer, 0, read);
                        done += read;
                        onProgress?.Invoke(done, total);
                    }
                    sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                }
                if (expectedSha256 is not null && !string.Equals(sha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new DownloadFailedException($"downloaded weights have SHA-256 {sha256}, expected {expectedSha256}; nothing was kept");
                }
                Vgg19Weights.Load(temporary, 16);
            });
        }
        catch (HttpRequestException e)
        {
            throw new DownloadFailedException(
                $"cannot download weights from {url}: {e.Message}. Without network access, copy a VGG-19 .safetensors file with torchvision key names to this machine and pass --weights PATH (or set NSF_WEIGHTS)", e);
        }
        return sha256;
    }

    /// <summary>One read of the body; a dropped or stalled connection is a failed download, not an output error.</summary>
    private static int ReadWithin(Stream body, byte[] buffer, TimeSpan idle, string url, CancellationToken cancellationToken)
    {
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(idle);
        try
        {
            return body.ReadAsync(buffer, stalled.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFailedException($"download from {url} stalled: nothing received for {idle.TotalSeconds:F0} s; nothing was kept");
        }
        catch (IOException e)
        {
            throw new DownloadFailedException($"download from {url} broke off: {e.Message}; nothing was kept", e);
        }
    }
}
