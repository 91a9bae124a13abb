using System.Net;
using System.Net.Http.Headers;

namespace NeuralStyle.Cli.Farm;

/// <summary>A file as a raw request body, read in chunks, reporting bytes sent (weights are half a gigabyte).</summary>
internal sealed class FileUploadContent : HttpContent
{
    private readonly string _path;
    private readonly long _length;
    private readonly Action<long> _sent;

    public FileUploadContent(string path, long length, Action<long> sent)
    {
        _path = path;
        _length = length;
        _sent = sent;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        var buffer = new byte[1 << 20];
        long sent = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sent += read;
            _sent(sent);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
