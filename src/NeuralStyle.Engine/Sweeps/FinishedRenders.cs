namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// The renders earlier runs finished in a sweep directory: done records of sweep.json, then of
/// sweep.journal (newer, so they win). Nothing in those files is trusted beyond "this key was
/// done, and its image hashed to this": a record counts only with a well-formed key, the image
/// name that key gives, and a file that still hashes as recorded (a truncated or replaced image is
/// rendered again). Everything else in a reused record comes from the current plan.
/// </summary>
internal sealed class FinishedRenders
{
    private readonly string _directory;
    private readonly Dictionary<string, SweepRenderRecord> _done;
    private readonly Dictionary<string, bool> _intact = [];

    private FinishedRenders(string directory, Dictionary<string, SweepRenderRecord> done)
    {
        _directory = directory;
        _done = done;
    }

    /// <summary>Reads DIR/sweep.json and DIR/sweep.journal, each bounded by what <paramref name="renders"/> records can take.</summary>
    public static FinishedRenders Read(string directory, int renders)
    {
        var maxBytes = SweepManifest.MaxBytesFor(renders);
        var manifest = SweepManifest.TryRead(directory, maxBytes)?.Renders ?? [];
        var done = new Dictionary<string, SweepRenderRecord>();
        foreach (var record in manifest.Concat(SweepJournal.Replay(directory, maxBytes)))
        {
            if (record is { Status: RenderStatus.Succeeded, ImageSha256: { } } && RenderKey.IsWellFormed(record.Key)
                && record.Image == SweepFiles.RenderImage(record.Key))
            {
                done[record.Key] = record;
            }
        }
        return new FinishedRenders(directory, done);
    }

    /// <summary><paramref name="pending"/> marked done with the earlier outcome when its render is finished and intact; otherwise null.</summary>
    public SweepRenderRecord? Reuse(SweepRenderRecord pending)
    {
        if (!_done.TryGetValue(pending.Key, out var done))
        {
            return null;
        }
        if (!_intact.TryGetValue(pending.Key, out var intact))
        {
            intact = _intact[pending.Key] = SweepRenderImages.Sha256(_directory, pending.Key) == done.ImageSha256;
        }
        return intact
            ? pending with
            {
                Status = RenderStatus.Succeeded,
                Final = done.Final,
                Seconds = done.Seconds,
                BatchSize = done.BatchSize,
                Image = SweepFiles.RenderImage(pending.Key),
                ImageSha256 = done.ImageSha256,
            }
            : null;
    }
}
