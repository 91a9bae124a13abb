using Xunit.Abstractions;

namespace NeuralStyle.Engine.Tests.Fuzz;

/// <summary>The process's peak resident memory (VmHWM), reset through /proc/self/clear_refs where the kernel allows.</summary>
internal static class PeakRss
{
    /// <summary>Resets the peak to the current RSS and returns that baseline in bytes.</summary>
    public static long Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the reset the peak includes what ran before: the bound only gets stricter.
        }
        return Read("VmRSS");
    }

    public static void RequireGrowthBelow(long baseline, long bound, ITestOutputHelper log)
    {
        var peak = Read("VmHWM");
        log.WriteLine($"peak RSS {peak >> 20} MiB, {(peak - baseline) >> 20} MiB over the {baseline >> 20} MiB at the start (bound {bound >> 20} MiB)");
        Assert.True(peak - baseline < bound, $"peak RSS grew by {(peak - baseline) >> 20} MiB, over the bound of {bound >> 20} MiB");
    }

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
