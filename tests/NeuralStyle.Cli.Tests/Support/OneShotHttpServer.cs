using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NeuralStyle.Cli.Tests.Support;

/// <summary>
/// An HTTP server on 127.0.0.1 that answers one request with a fixed response and closes: enough
/// to test downloads without the internet.
/// </summary>
public sealed class OneShotHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    /// <param name="headers">Response header lines after the status line (Content-Length is not added).</param>
    /// <param name="body">Bytes sent after the headers.</param>
    public OneShotHttpServer(IReadOnlyList<string> headers, byte[] body)
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/vgg19.safetensors";
        _serving = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }
                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            var head = "HTTP/1.1 200 OK\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
        });
    }

    public string Url { get; }

    public void Dispose()
    {
        _listener.Stop();
        // The server's own failure (a client that never came) is not the test's subject.
        _serving.ContinueWith(t => t.Exception, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(10));
    }
}
