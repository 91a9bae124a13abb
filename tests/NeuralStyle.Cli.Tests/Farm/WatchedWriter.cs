using System.Text;

namespace NeuralStyle.Cli.Tests.Farm;

/// <summary>A thread-safe text writer for an in-process run that a test watches for a line.</summary>
public sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
            var text = _text.ToString();
            foreach (var (wanted, seen) in _waits.Where(w => text.Contains(w.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }
    }

    /// <summary>Completes once the text written holds <paramref name="text"/>.</summary>
    public Task Seen(string text)
    {
        lock (_text)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_text.ToString().Contains(text, StringComparison.Ordinal))
            {
                seen.SetResult();
            }
            _waits.Add((text, seen));
            return seen.Task;
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
