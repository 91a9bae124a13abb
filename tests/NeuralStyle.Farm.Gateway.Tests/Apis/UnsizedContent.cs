using System.Net;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>A body sent without Content-Length (chunked), in small pieces, as a streaming client sends it.</summary>
internal sealed class UnsizedContent(byte[] bytes) : HttpContent
{
    /// <summary>A POST of <paramref name="body"/> marked chunked, which the test server passes on without a length.</summary>
    public static HttpRequestMessage Post(string uri, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new UnsizedContent(body) };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length; offset += 1024)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(1024, bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
