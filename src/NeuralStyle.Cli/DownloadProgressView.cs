using Spectre.Console;

namespace NeuralStyle.Cli;

/// <summary>A download's progress: a byte bar with speed and ETA on a terminal, a line every 5% otherwise.</summary>
internal static class DownloadProgressView
{
    public static async Task<T> RunAsync<T>(TextWriter output, TextWriter log, Func<Action<long, long?>, Task<T>> download)
    {
        var interactive = Terminal.IsInteractive(output);
        if (!interactive)
        {
            var lastPercent = -1L;
            return await download((done, total) =>
            {
                var percent = total is > 0 ? done * 100 / total.Value : -1;
                if (percent != lastPercent && percent % 5 == 0)
                {
                    lastPercent = percent;
                    log.WriteLine($"downloading {done / 1048576.0:F0} MiB of {(total is > 0 ? $"{total / 1048576.0:F0} MiB" : "?")} ({percent}%)");
                }
            });
        }
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("VGG-19 weights", maxValue: 1);
                return await download((done, total) =>
                {
                    task.IsIndeterminate = total is not > 0;
                    task.MaxValue = total ?? Math.Max(done, 1);
                    task.Value = done;
                });
            });
    }
}
