using NeuralStyle.Engine.Execution;
using NeuralStyle.Engine.Rendering;

namespace NeuralStyle.Engine.Tests.Execution;

/// <summary>Records what an executor reports, in order; hooks let a test make a report throw or cancel.</summary>
internal sealed class RecordingSink : IRenderSink
{
    private readonly Lock _lock = new();

    public List<string> Events { get; } = [];

    public List<(RenderJob Job, RenderProgress Progress)> Progress { get; } = [];

    public List<RenderOutcome> Outcomes { get; } = [];

    public List<int> ProgressThreads { get; } = [];

    public Action<RenderJob, RenderProgress>? OnEachProgress { get; init; }

    public Action<RenderOutcome>? OnEachSuccess { get; init; }

    public void OnStarted(IReadOnlyList<RenderJob> jobs) => Add($"started {string.Join(",", jobs.Select(j => j.Id))}");

    public void OnProgress(RenderJob job, RenderProgress progress)
    {
        lock (_lock)
        {
            Progress.Add((job, progress));
            ProgressThreads.Add(Environment.CurrentManagedThreadId);
        }
        OnEachProgress?.Invoke(job, progress);
    }

    public void OnSucceeded(RenderOutcome outcome)
    {
        OnEachSuccess?.Invoke(outcome);
        Finished("succeeded", outcome);
    }

    public void OnFailed(RenderOutcome outcome) => Finished($"failed {outcome.Error!.Code}", outcome);

    public void OnCancelled(RenderOutcome outcome) => Finished(outcome.Started ? "cancelled" : "cancelled before it started", outcome);

    /// <summary>Iterations reported for <paramref name="id"/>, in order.</summary>
    public int[] IterationsOf(string id)
    {
        lock (_lock)
        {
            return [.. Progress.Where(p => p.Job.Id == id).Select(p => p.Progress.Iteration)];
        }
    }

    /// <summary>(iteration, scale index) reported for <paramref name="id"/>, in order.</summary>
    public List<(int Iteration, int Scale)> IterationsAndScales(string id)
    {
        lock (_lock)
        {
            return [.. Progress.Where(p => p.Job.Id == id).Select(p => (p.Progress.Iteration, p.Progress.ScaleIndex))];
        }
    }

    private void Finished(string what, RenderOutcome outcome)
    {
        lock (_lock)
        {
            Outcomes.Add(outcome);
        }
        Add($"{what} {outcome.Job.Id}");
    }

    private void Add(string line)
    {
        lock (_lock)
        {
            Events.Add(line);
        }
    }
}
