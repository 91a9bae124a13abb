using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Gateway.Diagnostics;
using NeuralStyle.Farm.Gateway.Scheduling;
using NeuralStyle.Farm.Gateway.Store;
using NeuralStyle.Farm.Gateway.Sweeps;

namespace NeuralStyle.Farm.Gateway.Submission;

/// <summary>
/// Stores a planned sweep in one transaction: each distinct key is reused when it already succeeded
/// in any sweep, shared when another sweep has it queued or running, queued again when it had
/// failed or been cancelled, else queued new. Then wakes the scheduler.
/// </summary>
internal sealed class SweepSubmitter(
    SubmissionPlanner planner,
    FarmDatabase database,
    SweepRepository sweeps,
    RenderRepository renders,
    EventRepository events,
    SchedulerSignal scheduler,
    SweepFinisher finisher,
    GatewayInstruments instruments)
{
    public async Task<SweepAccepted> SubmitAsync(SweepSubmission submission, CancellationToken cancellationToken)
    {
        var sweep = await planner.PlanAsync(submission, cancellationToken);
        var accepted = await database.WriteAsync(async write =>
        {
            var eventsAfter = await events.LastIdAsync(write);
            var reused = new HashSet<string>(StringComparer.Ordinal);
            var queued = 0;
            foreach (var point in sweep.Points.DistinctBy(p => p.Key))
            {
                var existing = await renders.GetAsync(write, point.Key);
                switch (existing?.Status)
                {
                    case null:
                        await renders.InsertQueuedAsync(write, point.Key, point.Render, point.BatchKey);
                        queued++;
                        break;
                    case StatusWords.Succeeded:
                        reused.Add(point.Key);
                        break;
                    case StatusWords.Failed or StatusWords.Cancelled:
                        await renders.RequeueFinishedAsync(write, point.Key);
                        queued++;
                        break;
                    default:
                        // Queued or running for another sweep: this one waits for the same render.
                        break;
                }
            }
            await sweeps.InsertAsync(write, sweep, eventsAfter, reused);
            var counts = await sweeps.CountsAsync(write, sweep.Id);
            await events.AppendAsync(write, FarmEventTypes.SweepSubmitted, sweep.Id, null, counts);
            if (counts.Queued + counts.Running == 0)
            {
                write.AfterCommit(() => finisher.Enqueue(sweep.Id));
            }
            write.AfterCommit(scheduler.Wake);
            return new SweepAccepted(sweep.Id, sweep.Points.Count, sweep.Points.Count(p => reused.Contains(p.Key)), queued, eventsAfter);
        }, cancellationToken);
        instruments.SweepSubmitted();
        return accepted;
    }
}
