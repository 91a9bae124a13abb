namespace NeuralStyle.Farm.Worker;

/// <summary>
/// The folder where workers write files before they go to the blob store. A folder of its own
/// under the system's temporary directory, removed when the process's services are disposed, or
/// the one <see cref="WorkerOptions.ScratchDirectory"/> names (left in place).
/// </summary>
internal sealed class WorkerScratch : IDisposable
{
    private readonly bool _owned;

    public WorkerScratch(WorkerOptions options)
    {
        _owned = options.ScratchDirectory is null;
        Path = options.ScratchDirectory
            ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nsf-worker-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (!_owned)
        {
            return;
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only temporary files: the system cleans its temporary directory.
        }
    }
}
