using NeuralStyle.Engine.Rendering;
using NeuralStyle.Engine.Tests.Support;

namespace NeuralStyle.Engine.Tests.Rendering;

// In the engine collection: the thread count is process-wide, so no render runs while it changes.
[Collection(EngineCollection.Name)]
public sealed class EngineRuntimeTests
{
    [Fact]
    public void SetThreads_is_what_Describe_reports_on_a_thread_that_ran_libtorch_before_the_change()
    {
        var before = Threads();
        var wanted = before == 1 ? 2 : 1;
        // A thread that has asked libtorch already keeps its own (OpenMP) count unless the engine reapplies it.
        using var earlier = new DedicatedThread();
        Assert.Equal(before, earlier.Run(Threads));
        try
        {
            EngineRuntime.SetThreads(wanted);

            Assert.Equal(wanted, Threads());
            Assert.Equal(wanted, earlier.Run(Threads));
            using var fresh = new DedicatedThread();
            Assert.Equal(wanted, fresh.Run(Threads));
        }
        finally
        {
            EngineRuntime.SetThreads(before);
        }
        Assert.Equal(before, Threads());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void SetThreads_refuses_a_count_outside_one_to_four_per_core(int threads)
    {
        var e = Assert.Throws<InvalidSettingException>(() => EngineRuntime.SetThreads(threads));

        Assert.Equal("threads", e.Setting);
        Assert.Contains($"1..{Environment.ProcessorCount * 4}", e.Message);
        Assert.Contains($"got {threads}", e.Message);
    }

    [Fact]
    public void SetThreads_accepts_four_per_core()
    {
        var before = Threads();
        try
        {
            EngineRuntime.SetThreads(EngineRuntime.MaxThreads);

            Assert.Equal(EngineRuntime.MaxThreads, Threads());
        }
        finally
        {
            EngineRuntime.SetThreads(before);
        }
    }

    private static int Threads() => EngineRuntime.Describe().GetProperty("threads").GetInt32();
}
