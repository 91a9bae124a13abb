using System.Text;
using NeuralStyle.Cli.Farm;

namespace NeuralStyle.Cli.Tests.Farm;

public sealed class ServerSentEventReaderTests
{
    private static async Task<(List<ServerSentEvent> Events, ServerSentEventReader Reader)> ReadAsync(string text, int chunk = 1 << 16, int maxEventChars = ServerSentEventReader.DefaultMaxEventChars)
    {
        var reader = new ServerSentEventReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk), maxEventChars);
        var events = new List<ServerSentEvent>();
        await foreach (var e in reader.ReadAllAsync(CancellationToken.None))
        {
            events.Add(e);
        }
        return (events, reader);
    }

    [Fact]
    public async Task An_event_carries_its_id_type_and_data()
    {
        var (events, reader) = await ReadAsync("id: 7\nevent: render_started\ndata: {\"key\":\"k\"}\n\n");
        var e = Assert.Single(events);
        Assert.Equal(new ServerSentEvent("7", "render_started", "{\"key\":\"k\"}"), e);
        Assert.Equal("7", reader.LastEventId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Events_split_anywhere_across_reads_read_the_same(int chunk)
    {
        const string text = "id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\revent: b\rdata: y\r\rid: 3\nevent: c\ndata: z\n\n";
        var (events, _) = await ReadAsync(text, chunk);
        Assert.Equal([new("1", "a", "x"), new("2", "b", "y"), new("3", "c", "z")], events);
    }

    [Fact]
    public async Task Comments_are_skipped_and_keep_alives_dispatch_nothing()
    {
        var (events, _) = await ReadAsync(": keep-alive\n\n: hello\nid: 4\n: between\ndata: d\n\n: keep-alive\n\n");
        Assert.Equal([new ServerSentEvent("4", "message", "d")], events);
    }

    [Fact]
    public async Task Data_lines_join_with_line_feeds()
    {
        var (events, _) = await ReadAsync("data: first\ndata:second\ndata\ndata:  indented\n\n");
        Assert.Equal("first\nsecond\n\n indented", Assert.Single(events).Data);
    }

    [Fact]
    public async Task An_id_carries_over_to_later_events_and_an_event_without_data_still_sets_it()
    {
        var (events, reader) = await ReadAsync("id: 10\ndata: a\n\ndata: b\n\nid: 12\n\n");
        Assert.Equal([new("10", "message", "a"), new("10", "message", "b")], events);
        Assert.Equal("12", reader.LastEventId);
    }

    [Fact]
    public async Task An_id_with_a_nul_is_ignored()
    {
        var (_, reader) = await ReadAsync("id: 3\ndata: a\n\nid: 4\0x\ndata: b\n\n");
        Assert.Equal("3", reader.LastEventId);
    }

    [Fact]
    public async Task An_unfinished_event_at_the_end_is_dropped()
    {
        var (events, reader) = await ReadAsync("id: 1\ndata: a\n\nid: 2\ndata: cut");
        Assert.Equal("1", Assert.Single(events).Id);
        Assert.Equal("1", reader.LastEventId);
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_is_skipped_and_unknown_fields_ignored()
    {
        var (events, reader) = await ReadAsync("\uFEFFid: 1\nretry: 2500\nfoo: bar\ndata: a\n\n");
        Assert.Equal(new ServerSentEvent("1", "message", "a"), Assert.Single(events));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), reader.Retry);
    }

    [Fact]
    public async Task A_line_or_data_over_the_bound_fails_instead_of_growing()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync("data: " + new string('x', 200) + "\n\n", maxEventChars: 100));
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(string.Concat(Enumerable.Repeat("data: " + new string('x', 30) + "\n", 5)) + "\n", maxEventChars: 100));
    }
}
