using System.Diagnostics;

namespace NeuralStyle.Cli.Tests.Farm;

/// <summary>Waits for a condition with a bound, failing with what was expected: no fixed sleeps.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> expected)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"expected {expected()} within {limit.TotalSeconds} s");
            }
            await Task.Delay(50);
        }
    }
}
