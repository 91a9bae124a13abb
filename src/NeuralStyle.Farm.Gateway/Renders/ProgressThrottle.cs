using System.Collections.Concurrent;
using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Farm.Gateway.Renders;

/// <summary>
/// Decides which progress reports enter the event log: at most one per render every
/// <see cref="MinInterval"/>, plus one carrying a preview every <see cref="PreviewEvery"/>th preview
/// (previews are base64 in the log, so only some are kept, each within
/// <see cref="MaxPreviewBytes"/>). State lives only while a render runs. Thread-safe.
/// </summary>
internal sealed class ProgressThrottle(TimeProvider time)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    public const int PreviewEvery = 4;

    public const int MaxPreviewBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>Whether to log <paramref name="progress"/>, and whether with its preview.</summary>
    public (bool Append, bool KeepPreview) Decide(RenderProgressed progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var state = _states.GetOrAdd(progress.Key, _ => new State());
        lock (state)
        {
            var keepPreview = false;
            if (progress.PreviewPng is { Length: > 0 and <= MaxPreviewBytes })
            {
                keepPreview = state.Previews % PreviewEvery == 0;
                state.Previews++;
            }
            var now = time.GetTimestamp();
            var due = state.Last is null || time.GetElapsedTime(state.Last.Value, now) >= MinInterval;
            if (!due && !keepPreview)
            {
                return (false, false);
            }
            state.Last = now;
            return (true, keepPreview);
        }
    }

    /// <summary>The render stopped running here.</summary>
    public void Forget(string key) => _states.TryRemove(key, out _);

    public void Forget(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            Forget(key);
        }
    }

    private sealed class State
    {
        public long? Last { get; set; }

        public int Previews { get; set; }
    }
}
