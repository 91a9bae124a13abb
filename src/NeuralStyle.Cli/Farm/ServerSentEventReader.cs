using System.Runtime.CompilerServices;
using System.Text;

namespace NeuralStyle.Cli.Farm;

/// <summary>
/// Reads an event stream as the HTML Living Standard's "Server-sent events" section parses it: lines
/// end in CR, LF or CRLF (a CRLF may be split across reads); a line starting with a colon is a
/// comment; <c>field: value</c> loses one leading space; <c>data</c> lines join with LF; a blank line
/// dispatches; an event without data is not dispatched but its id still counts; <c>id</c> with a NUL
/// is ignored; an unfinished event at the end is dropped. A line or an event's data longer than
/// the bound fails the stream instead of growing without end.
/// </summary>
internal sealed class ServerSentEventReader(Stream stream, int maxEventChars = ServerSentEventReader.DefaultMaxEventChars) : IDisposable
{
    /// <summary>Big enough for a progress event with its base64 preview (256 KiB of PNG), small enough to bound memory.</summary>
    public const int DefaultMaxEventChars = 4 << 20;

    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 16 << 10, leaveOpen: true);
    private readonly StringBuilder _line = new();
    private readonly StringBuilder _data = new();
    private readonly char[] _buffer = new char[8 << 10];
    private int _position;
    private int _length;
    private bool _afterCarriageReturn;
    private bool _started;
    private string? _eventType;
    private string? _idBuffer;

    /// <summary>The stream's last event id: what a reconnecting client sends as <c>Last-Event-ID</c>.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>The reconnection delay the server asked for with a <c>retry:</c> field; null when none.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Every event until the stream ends.</summary>
    public async IAsyncEnumerable<ServerSentEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (Dispatch() is { } dispatched)
                {
                    yield return dispatched;
                }
                continue;
            }
            Process(line);
        }
    }

    private ServerSentEvent? Dispatch()
    {
        // The id counts once its event is complete, even an event without data.
        LastEventId = _idBuffer;
        var type = _eventType;
        _eventType = null;
        if (_data.Length == 0)
        {
            return null;
        }
        // Every data line appended a line feed; the last one is not part of the data.
        var data = _data.ToString(0, _data.Length - 1);
        _data.Clear();
        return new ServerSentEvent(LastEventId, string.IsNullOrEmpty(type) ? "message" : type, data);
    }

    private void Process(string line)
    {
        if (line[0] == ':')
        {
            return;
        }
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }
        switch (field)
        {
            case "event":
                _eventType = value;
                break;
            case "data":
                if (_data.Length + value.Length + 1 > maxEventChars)
                {
                    throw new InvalidDataException($"an event's data is over {maxEventChars} characters");
                }
                _data.Append(value).Append('\n');
                break;
            case "id" when !value.Contains('\0', StringComparison.Ordinal):
                _idBuffer = value;
                break;
            case "retry" when value.Length is > 0 and <= 9 && value.All(char.IsAsciiDigit):
                Retry = TimeSpan.FromMilliseconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The next line without its end; null at the end of the stream (an unterminated last line is dropped with its event).</summary>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        while (true)
        {
            if (_position == _length)
            {
                _length = await _reader.ReadAsync(_buffer, cancellationToken);
                _position = 0;
                if (_length == 0)
                {
                    return null;
                }
                if (!_started)
                {
                    _started = true;
                    // One byte order mark may open the stream.
                    if (_buffer[0] == '\uFEFF')
                    {
                        _position = 1;
                        continue;
                    }
                }
            }
            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }
            var start = _position;
            while (_position < _length && _buffer[_position] is not ('\r' or '\n'))
            {
                _position++;
            }
            if (_line.Length + (_position - start) > maxEventChars)
            {
                throw new InvalidDataException($"an event stream line is over {maxEventChars} characters");
            }
            _line.Append(_buffer, start, _position - start);
            if (_position < _length)
            {
                _afterCarriageReturn = _buffer[_position] == '\r';
                _position++;
                return _line.ToString();
            }
        }
    }

    /// <summary>Leaves the stream open: its owner (an HTTP response) closes it.</summary>
    public void Dispose() => _reader.Dispose();
}
