using System.Globalization;
using System.Text;

namespace NeuralStyle.Farm.Gateway.Tests.Apis;

/// <summary>One event as a client parses it off the wire.</summary>
internal sealed record SseEvent(long Id, string Type, string Data);

/// <summary>
/// Reads a Server-Sent Events stream as a client does, line by line; every read is bounded, and a
/// bound that runs out fails the test saying what was expected.
/// </summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Comments seen (without the leading colon).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<SseEvent?> NextAsync(string expected)
    {
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await ReadLineAsync(expected) is { } line)
        {
            if (line.Length == 0)
            {
                if (id is not null || data.Length > 0)
                {
                    return new SseEvent(long.Parse(id ?? "-1", CultureInfo.InvariantCulture), type ?? "message", data.ToString());
                }
                continue;
            }
            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Append(data.Length > 0 ? "\n" : "").Append(value);
                    break;
                default:
                    Assert.Fail($"unexpected field '{field}' in the event stream");
                    break;
            }
        }
        return null;
    }

    /// <summary>The next <paramref name="count"/> events.</summary>
    public async Task<List<SseEvent>> TakeAsync(int count)
    {
        var events = new List<SseEvent>();
        while (events.Count < count)
        {
            var next = await NextAsync($"event {events.Count + 1} of {count}");
            Assert.True(next is not null, $"the stream ended after {events.Count} events; expected {count}");
            events.Add(next);
        }
        return events;
    }

    /// <summary>Every event until the stream ends.</summary>
    public async Task<List<SseEvent>> ToEndAsync()
    {
        var events = new List<SseEvent>();
        while (await NextAsync("the stream to end") is { } next)
        {
            events.Add(next);
        }
        return events;
    }

    /// <summary>Reads until a comment arrives and returns it.</summary>
    public async Task<string> NextCommentAsync()
    {
        while (Comments.Count == 0)
        {
            var line = await ReadLineAsync("a comment");
            Assert.True(line is not null, "the stream ended before a comment");
            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
            }
        }
        return Comments[0];
    }

    public void Dispose() => _reader.Dispose();

    private async Task<string?> ReadLineAsync(string expected)
    {
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            return await _reader.ReadLineAsync(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            Assert.Fail($"expected {expected} within {Bound.TotalSeconds} s");
            throw;
        }
    }
}
