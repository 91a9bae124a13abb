using System.Diagnostics;
using Xunit.Abstractions;

namespace NeuralStyle.Engine.Tests.Fuzz;

/// <summary>
/// Runs fuzz cases one at a time, each on a pool thread under a time bound, measuring what it
/// allocates; an unexpected exception, an over-long case or an over-large allocation is recorded
/// as a failure with the case's seed and mutation, so one run reports every problem it found.
/// </summary>
internal sealed class FuzzRun(ITestOutputHelper log)
{
    /// <summary>The most one case may allocate on the managed heap.</summary>
    public const long MaxAllocatedPerCase = 64L << 20;

    /// <summary>The most one case may take (a case is a few reads of a file of a few KiB).</summary>
    public static readonly TimeSpan MaxPerCase = TimeSpan.FromSeconds(10);

    /// <summary>A run stops starting cases after this long, so that two runs stay under 30 s on a loaded machine.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(13);

    /// <summary>Fewer cases than this within the budget fails the run: it would not have tested much.</summary>
    public const int MinCases = 1000;

    private readonly List<string> _failures = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _mostAllocated;
    private TimeSpan _slowest;

    public int Cases { get; private set; }

    /// <summary>True while the run may start another case.</summary>
    public bool WithinBudget => _clock.Elapsed < Budget;

    public Dictionary<string, int> Outcomes { get; } = [];

    /// <summary>Runs <paramref name="read"/>; success, or an exception <paramref name="expected"/> accepts, is a pass.</summary>
    public void Case(string description, Action read, Func<Exception, bool> expected)
    {
        Cases++;
        var started = _clock.Elapsed;
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Exception? thrown = null;
            try
            {
                read();
            }
            catch (Exception e)
            {
                thrown = e;
            }
            return (Allocated: GC.GetAllocatedBytesForCurrentThread() - before, Thrown: thrown);
        });
        if (!task.Wait(MaxPerCase))
        {
            // A hung case keeps its thread: stop here rather than pile up more.
            throw new Xunit.Sdk.XunitException($"case {description} did not finish within {MaxPerCase.TotalSeconds} s");
        }
        var (allocated, thrown) = task.Result;
        var took = _clock.Elapsed - started;
        _mostAllocated = Math.Max(_mostAllocated, allocated);
        _slowest = took > _slowest ? took : _slowest;
        var outcome = thrown?.GetType().Name ?? "success";
        Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
        if (thrown is not null && !expected(thrown))
        {
            _failures.Add($"{description}: {thrown.GetType().Name}: {thrown.Message}\n{thrown.StackTrace}");
        }
        if (allocated > MaxAllocatedPerCase)
        {
            _failures.Add($"{description}: allocated {allocated >> 20} MiB, over {MaxAllocatedPerCase >> 20} MiB");
        }
    }

    /// <summary>Logs the run and fails with every recorded problem.</summary>
    public void Finish(string name)
    {
        log.WriteLine($"{name}: {Cases} cases in {_clock.Elapsed.TotalSeconds:F1} s; slowest {_slowest.TotalMilliseconds:F0} ms; " +
            $"most allocated by one case {_mostAllocated / 1024.0 / 1024.0:F1} MiB; outcomes {string.Join(", ", Outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(Cases >= MinCases, $"only {Cases} cases ran within {Budget.TotalSeconds} s; expected at least {MinCases}");
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {Cases} cases failed:\n" + string.Join("\n", _failures.Take(10)));
    }
}
